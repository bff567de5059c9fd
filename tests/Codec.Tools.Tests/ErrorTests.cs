namespace RegionCodec.Tools.Tests;

/// <summary>Each error: its exit code, a one-line message naming the file, and nothing left behind.</summary>
public sealed class ErrorTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static void AssertOneLine(RunResult r, int code, string contains)
    {
        Assert.True(r.ExitCode == code, $"expected exit {code}: {r}");
        string first = r.Stderr.Split('\n')[0];
        Assert.StartsWith("rsgconv: ", first);
        Assert.Contains(contains, first);
        Assert.DoesNotContain("   at ", r.Stderr); // no stack trace without --verbose
    }

    private void AssertNothingLeft(params string[] names)
    {
        foreach (string n in names)
        {
            Assert.False(File.Exists(_dir[n]), n + " should not exist");
        }

        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData(new[] { "frobnicate" }, "Unknown command")]
    [InlineData(new[] { "encode" }, "missing required argument")]
    [InlineData(new[] { "encode", "a.png", "b.rsg", "--bogus" }, "Unknown option")]
    [InlineData(new[] { "encode", "a.png", "b.rsg", "--quality", "101" }, "--quality")]
    [InlineData(new[] { "encode", "a.png", "b.rsg", "--subsampling", "422" }, "--subsampling")]
    [InlineData(new[] { "encode", "a.png", "b.rsg", "--segment", "nonsense" }, "--segment nonsense")]
    [InlineData(new[] { "encode", "a.png", "b.rsg", "--target-size", "lots" }, "--target-size")]
    [InlineData(new[] { "encode", "a.png", "b.rsg", "--segment", "otsu", "--mask", "m.png" }, "--mask")]
    [InlineData(new[] { "encode", "a.png", "b.rsg", "--cell", "3" }, "--cell")]
    [InlineData(new[] { "decode", "a.rsg", "b.xyz" }, "unknown output format")]
    [InlineData(new[] { "encode", "same.png", "same.png", "--force" }, "never modifies its input")]
    public void UsageErrorsExit2(string[] args, string message)
    {
        RunResult r = _dir.Run(args);
        AssertOneLine(r, 2, message);
        AssertNothingLeft("b.rsg", "b.xyz");
    }

    [Fact]
    public void UnknownRegionNameIsAUsageErrorListingTheRegions()
    {
        RunResult r = _dir.Run("encode", Rsgconv.Kodim23, "b.rsg", "--quality", "sky=20");
        AssertOneLine(r, 2, "unknown region 'sky'; this image's regions are busy, textured, moderate, smooth, flat");
        AssertNothingLeft("b.rsg");
    }

    [Fact]
    public void MissingInputExits4NamingTheFile()
    {
        AssertOneLine(_dir.Run("encode", "missing.png", "out.rsg"), 4, "missing.png: no such file");
        AssertOneLine(_dir.Run("decode", "missing.rsg", "out.png"), 4, "missing.rsg: no such file");
        AssertOneLine(_dir.Run("info", "missing.rsg"), 4, "missing.rsg");
        AssertNothingLeft("out.rsg", "out.png");
    }

    [Fact]
    public void CorruptInputsExit3AndLeaveNothing()
    {
        File.WriteAllText(_dir["junk.png"], "this is not a png");
        AssertOneLine(_dir.Run("encode", "junk.png", "out.rsg"), 3, "junk.png: not an image format");

        Assert.Equal(0, _dir.Run("encode", Rsgconv.TestImage("camera.png"), "good.rsg").ExitCode);
        byte[] good = File.ReadAllBytes(_dir["good.rsg"]);
        File.WriteAllBytes(_dir["trunc.rsg"], good[..(good.Length / 2)]);
        AssertOneLine(_dir.Run("decode", "trunc.rsg", "out.png"), 3, "trunc.rsg: corrupt .rsg");
        AssertOneLine(_dir.Run("decode", "trunc.rsg", "out.ppm"), 3, "trunc.rsg: corrupt .rsg"); // streaming: partial rows are not kept
        AssertOneLine(_dir.Run("info", "trunc.rsg"), 3, "trunc.rsg");
        byte[] flipped = (byte[])good.Clone();
        flipped[good.Length / 2] ^= 0x40;
        File.WriteAllBytes(_dir["crc.rsg"], flipped);
        AssertOneLine(_dir.Run("decode", "crc.rsg", "out.png"), 3, "crc.rsg: corrupt .rsg");
        AssertNothingLeft("out.rsg", "out.png", "out.ppm");
    }

    [Fact]
    public void VerboseAddsTheStackTrace()
    {
        File.WriteAllText(_dir["junk.rsg"], "RSG? no");
        RunResult r = _dir.Run("decode", "junk.rsg", "out.png", "--verbose");
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("   at ", r.Stderr);
    }

    [Fact]
    public void ExistingOutputIsNotOverwrittenWithoutForce()
    {
        File.WriteAllText(_dir["out.rsg"], "precious");
        AssertOneLine(_dir.Run("encode", Rsgconv.TestImage("camera.png"), "out.rsg"), 4, "out.rsg: exists (use --force");
        Assert.Equal("precious", File.ReadAllText(_dir["out.rsg"]));

        RunResult forced = _dir.Run("encode", Rsgconv.TestImage("camera.png"), "out.rsg", "--force");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.NotEqual("precious", File.ReadAllText(_dir["out.rsg"]));

        File.WriteAllText(_dir["out.png"], "precious");
        AssertOneLine(_dir.Run("decode", "out.rsg", "out.png"), 4, "out.png: exists");
        File.WriteAllText(_dir["mask.png"], "precious");
        AssertOneLine(_dir.Run("decode", "out.rsg", "other.png", "--mask-out", "mask.png"), 4, "mask.png: exists");
        Assert.Equal("precious", File.ReadAllText(_dir["mask.png"]));
        Assert.False(File.Exists(_dir["other.png"]));
    }

    [Fact]
    public void FailedForcedEncodeKeepsTheOldOutputAndTheInput()
    {
        File.WriteAllText(_dir["junk.png"], "not an image");
        string inputHash = Rsgconv.Hash(_dir["junk.png"]);
        File.WriteAllText(_dir["out.rsg"], "old");
        AssertOneLine(_dir.Run("encode", "junk.png", "out.rsg", "--force"), 3, "junk.png");
        Assert.Equal("old", File.ReadAllText(_dir["out.rsg"]));
        Assert.Equal(inputHash, Rsgconv.Hash(_dir["junk.png"]));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp"));
    }

    [Fact]
    public void UnwritableOutputDirectoryExits4()
    {
        AssertOneLine(_dir.Run("encode", Rsgconv.TestImage("camera.png"), "no/such/dir/out.rsg"), 4, "out.rsg");
    }
}
