using System.Text.Json;

namespace RegionCodec.Tools.Tests;

/// <summary>encode --tables and --no-deblock reach the file's header, and info reports both.</summary>
public sealed class TablesAndDeblockingTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(new string[0], "tilted", true, 1, 0x02)]
    [InlineData(new[] { "--tables", "jpeg" }, "jpeg", true, 0, 0x02)]
    [InlineData(new[] { "--tables", "jpeg", "--no-deblock" }, "jpeg", false, 0, 0x00)]
    [InlineData(new[] { "--no-deblock" }, "tilted", false, 1, 0x00)]
    public void OptionsSetTheHeaderAndInfoReportsThem(string[] options, string tables, bool deblocking, int tableSetByte, int flagsByte)
    {
        RunResult r = _dir.Run(["encode", Rsgconv.Kodim23, "out.rsg", "--segment", "none", "-q", "40", .. options]);
        Assert.True(r.ExitCode == 0, r.ToString());

        // RHDR data starts after the 8-byte signature and the chunk's length and type (8 bytes): flags at +15, table set at +16.
        byte[] file = File.ReadAllBytes(_dir["out.rsg"]);
        Assert.Equal(flagsByte, (int)file[16 + 15]);
        Assert.Equal(tableSetByte, (int)file[16 + 16]);

        using JsonDocument info = JsonDocument.Parse(_dir.Run("info", "out.rsg", "--json").Out);
        Assert.Equal(tables, info.RootElement.GetProperty("quantizationTables").GetString());
        Assert.Equal(deblocking, info.RootElement.GetProperty("deblocking").GetBoolean());
        Assert.Contains($"{tables} tables, deblocking {(deblocking ? "on" : "off")}", _dir.Run("info", "out.rsg").Out);
    }

    [Fact]
    public void UnknownTableSetIsAUsageError()
    {
        RunResult r = _dir.Run("encode", Rsgconv.Kodim23, "out.rsg", "--tables", "flat");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--tables must be tilted or jpeg", r.Stderr);
        Assert.False(File.Exists(_dir["out.rsg"]));
    }
}
