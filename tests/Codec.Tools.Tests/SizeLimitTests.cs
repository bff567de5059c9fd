namespace RegionCodec.Tools.Tests;

/// <summary>
/// One set of size limits: the encoder refuses what default decoders refuse (unless --allow-large), and the
/// decoder-side commands say "exceeds this decoder's limit" with the way out (--max-pixels), never "corrupt".
/// Wide one-row images keep the memory small.
/// </summary>
public sealed class SizeLimitTests : IDisposable
{
    private const int TooWide = (1 << 20) + 1; // one column beyond the default per-side limit

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void EncoderRefusesAnImageDefaultDecodersRefuseUnlessAllowedAndTheDecoderNamesItsLimit()
    {
        Expect.WriteNoisePpm(_dir["wide.ppm"], TooWide, 1);
        RunResult refused = _dir.Run("encode", "wide.ppm", "wide.rsg");
        Expect.OneLine(refused, 3, "wide.ppm: 1048577x1 (1048577 pixels) exceeds the default decoder limits");
        Assert.Contains("--allow-large", refused.Stderr);
        Expect.NothingLeft(_dir, "wide.rsg");

        RunResult allowed = _dir.Run("encode", "wide.ppm", "wide.rsg", "--allow-large", "--segment", "none");
        Assert.True(allowed.ExitCode == 0, allowed.ToString());

        foreach (string[] command in new[] { new[] { "decode", "wide.rsg", "out.png" }, ["info", "wide.rsg"], ["thumbnail", "wide.rsg", "thumb.png"] })
        {
            RunResult r = _dir.Run(command);
            Expect.OneLine(r, 3, "wide.rsg: 1048577x1 exceeds this decoder's limit of 1048576x1048576 pixels (use --max-pixels)");
            Assert.DoesNotContain("corrupt", r.Stderr);
        }

        Expect.NothingLeft(_dir, "out.png", "thumb.png");
        RunResult raised = _dir.Run("info", "wide.rsg", "--max-pixels", "2000000");
        Assert.True(raised.ExitCode == 0, raised.ToString());
        Assert.Contains("1048577x1", raised.Out);
    }

    [Theory]
    [InlineData("decode", "camera.rsg", "out.png")]
    [InlineData("decode", "camera.rsg", "out.ppm")]
    [InlineData("info", "camera.rsg")]
    [InlineData("thumbnail", "camera.rsg", "out.png")]
    public void MaxPixelsLowersTheLimitWithAMessageThatIsNotCorrupt(params string[] command)
    {
        Assert.Equal(0, _dir.Run("encode", Rsgconv.TestImage("camera.png"), "camera.rsg").ExitCode);
        RunResult r = _dir.Run([.. command, "--max-pixels", "1000"]);
        Expect.OneLine(r, 3, "camera.rsg: 512x512 (262144 pixels) exceeds this decoder's limit of 1000 pixels (use --max-pixels)");
        Expect.NothingLeft(_dir, "out.png", "out.ppm");
    }

    [Fact]
    public void MaxPixelsMustBePositive()
    {
        Expect.OneLine(_dir.Run("decode", "a.rsg", "out.png", "--max-pixels", "0"), 2, "--max-pixels must be at least 1");
        Expect.NothingLeft(_dir, "out.png");
    }

    [Fact]
    public void BatchDecodingTakesMaxPixelsToo()
    {
        Directory.CreateDirectory(_dir["in"]);
        Assert.Equal(0, _dir.Run("encode", Rsgconv.TestImage("camera.png"), "in/camera.rsg").ExitCode);
        RunResult r = _dir.Run("batch", "in", "out", "--to", "png", "--max-pixels", "1000", "--no-progress");
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("camera.rsg: 512x512 (262144 pixels) exceeds this decoder's limit of 1000 pixels (use --max-pixels)", r.Out + r.Stderr);
        Assert.False(File.Exists(_dir["out/camera.png"]));
        Expect.NothingLeft(_dir);

        RunResult raised = _dir.Run("batch", "in", "out", "--to", "png", "--max-pixels", "300000", "--no-progress");
        Assert.True(raised.ExitCode == 0, raised.ToString());
        Assert.True(File.Exists(_dir["out/camera.png"]));
    }
}
