using SixLabors.ImageSharp;

namespace RegionCodec.Tools.Tests;

/// <summary>thumbnail and shell are ordinary rsgconv commands: --help works, -s means --segment only, the tool's exit codes and writer.</summary>
public sealed class OneCliTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Portrait => Path.Combine(Rsgconv.RepoRoot, "spec", "conformance", "valid", "22-rgb420-portrait.rsg");

    [Theory]
    [InlineData("thumbnail", "--size <N>")]
    [InlineData("shell", "install")]
    [InlineData("shell install", "--program <CMD>")]
    [InlineData("shell register", "--comhost <PATH>")]
    public void HelpWorksOnEveryCommand(string command, string mentions)
    {
        RunResult r = _dir.Run([.. command.Split(' '), "--help"]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains(mentions, r.Out);
    }

    [Fact]
    public void TopLevelHelpListsThumbnailAndShellAsCommands()
    {
        RunResult r = _dir.Run("--help");
        Assert.Contains("thumbnail", r.Out);
        Assert.Contains("shell", r.Out);
        Assert.DoesNotContain("-s SIZE", r.Out); // -s is --segment everywhere
    }

    [Fact]
    public void ThumbnailRefusesToOverwriteWithoutForce()
    {
        File.WriteAllText(_dir["thumb.png"], "precious");
        Expect.OneLine(_dir.Run("thumbnail", Portrait, "thumb.png", "--size", "32"), 4, "thumb.png: exists (use --force to overwrite)");
        Assert.Equal("precious", File.ReadAllText(_dir["thumb.png"]));
        Expect.NothingLeft(_dir);

        RunResult forced = _dir.Run("thumbnail", Portrait, "thumb.png", "--size", "32", "--force");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Equal(32, Math.Max(Image.Identify(_dir["thumb.png"]).Width, Image.Identify(_dir["thumb.png"]).Height));
    }

    [Theory]
    [InlineData(new[] { "thumbnail", "a.rsg", "t.png", "--size", "0" }, "--size must be 1..4096, not 0")]
    [InlineData(new[] { "thumbnail", "a.rsg" }, "missing required argument")]
    [InlineData(new[] { "thumbnail", "a.rsg", "t.png", "--bogus" }, "Unknown option")]
    public void ThumbnailUsageErrorsExit2(string[] args, string message)
    {
        Expect.OneLine(_dir.Run(args), 2, message);
        Expect.NothingLeft(_dir, "t.png");
    }

    [Fact]
    public void ThumbnailOfAMissingFileExits4()
    {
        Expect.OneLine(_dir.Run("thumbnail", "missing.rsg", "t.png"), 4, "missing.rsg: no such file");
        Expect.NothingLeft(_dir, "t.png");
    }

    [Fact]
    public void OldThumbnailerEntriesWithDashSStillWork()
    {
        RunResult r = _dir.Run("thumbnail", "-s", "48", Portrait, "t.png");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(48, Math.Max(Image.Identify(_dir["t.png"]).Width, Image.Identify(_dir["t.png"]).Height));
    }
}
