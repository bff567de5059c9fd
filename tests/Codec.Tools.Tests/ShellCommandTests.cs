using SixLabors.ImageSharp;

namespace RegionCodec.Tools.Tests;

/// <summary>The desktop-integration commands as the installed thumbnailer runs them: the real rsgconv process.</summary>
public sealed class ShellCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(128, 85, 128)]
    [InlineData(48, 32, 48)]
    public void ThumbnailFitsTheRequestedSize(int size, int width, int height)
    {
        string input = Path.Combine(Rsgconv.RepoRoot, "spec", "conformance", "valid", "22-rgb420-portrait.rsg");
        string inputHash = Rsgconv.Hash(input);
        RunResult run = _dir.Run("thumbnail", "--size", size.ToString(), input, "thumb.png");
        Assert.True(run.ExitCode == 0, run.ToString());
        IImageInfo info = Image.Identify(Path.Combine(_dir.Path, "thumb.png"));
        Assert.Equal((width, height), (info.Width, info.Height));
        Assert.Equal(inputHash, Rsgconv.Hash(input));
    }

    [Fact]
    public void ThumbnailOfACorruptFileExits3AndWritesNothing()
    {
        byte[] file = File.ReadAllBytes(Path.Combine(Rsgconv.RepoRoot, "spec", "conformance", "valid", "11-rgb420-fg-bg-pixelmask.rsg"));
        File.WriteAllBytes(Path.Combine(_dir.Path, "cut.rsg"), file[..(file.Length / 2)]);
        RunResult run = _dir.Run("thumbnail", "--size", "64", "cut.rsg", "thumb.png");
        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.False(File.Exists(Path.Combine(_dir.Path, "thumb.png")));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp"));
    }

    [Fact]
    public void ShellWithoutAVerbIsAUsageError()
    {
        RunResult run = _dir.Run("shell");
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("install", run.Stderr);
    }
}
