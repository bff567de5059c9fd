namespace RegionCodec.Tools.Tests;

/// <summary>
/// The default segmentation's lossless "graphics" region from the command line: shown by overlay, switched off by
/// --no-graphics, and absent from photographs, whose files are the same with and without it.
/// </summary>
public sealed class GraphicsOptionTests : IDisposable
{
    private readonly TempDir _dir = new();

    private static string Screenshot => Path.Combine(Rsgconv.RepoRoot, "tests", "Codec.Segmentation.Tests", "TestData", "screen-docs.png");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Overlay_ShowsTheGraphicsRegionOfAScreenshot_AndNoGraphicsRemovesIt()
    {
        RunResult with = _dir.Run("overlay", Screenshot, "with.png");
        Assert.True(with.ExitCode == 0, with.ToString());
        Assert.Matches(@"\n  \d+ graphics +\d+\.\d% of cells  \([a-z]+; lossless\)", with.Out.ReplaceLineEndings("\n"));

        RunResult without = _dir.Run("overlay", Screenshot, "without.png", "--no-graphics");
        Assert.True(without.ExitCode == 0, without.ToString());
        Assert.DoesNotContain("graphics", without.Out);
    }

    [Fact]
    public void Overlay_Auto_KeepsTheGraphicsRegion_AndNoGraphicsRemovesIt()
    {
        // auto paints the subject and faces over the perceptual classes; the graphics region is one of those classes.
        RunResult with = _dir.Run("overlay", Screenshot, "auto.png", "--segment", "auto");
        Assert.True(with.ExitCode == 0, with.ToString());
        Assert.Contains("lossless", with.Out);

        RunResult without = _dir.Run("overlay", Screenshot, "auto-off.png", "--segment", "auto", "--no-graphics");
        Assert.True(without.ExitCode == 0, without.ToString());
        Assert.DoesNotContain("graphics", without.Out);
    }

    [Fact]
    public void Encode_NoGraphics_CodesAScreenshotWithThePerceptualClassesOnly()
    {
        RunResult encode = _dir.Run("encode", Screenshot, "s.rsg", "--no-graphics");
        Assert.True(encode.ExitCode == 0, encode.ToString());
        Assert.Contains("perceptual: ", encode.Out);
        Assert.DoesNotContain("graphics", encode.Out);
    }

    [Fact]
    public void Encode_Photograph_SameBytesWithAndWithoutGraphicsDetection()
    {
        RunResult on = _dir.Run("encode", Rsgconv.Kodim23, "on.rsg");
        Assert.True(on.ExitCode == 0, on.ToString());
        RunResult off = _dir.Run("encode", Rsgconv.Kodim23, "off.rsg", "--no-graphics");
        Assert.True(off.ExitCode == 0, off.ToString());
        Assert.DoesNotContain("graphics", on.Out);
        Assert.Equal(File.ReadAllBytes(_dir["off.rsg"]), File.ReadAllBytes(_dir["on.rsg"]));
    }
}
