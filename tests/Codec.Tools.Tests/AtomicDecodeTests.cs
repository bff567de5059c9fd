namespace RegionCodec.Tools.Tests;

/// <summary>decode --mask-out writes the image and the mask together or neither.</summary>
public sealed class AtomicDecodeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("out.png")]
    [InlineData("out.ppm")] // streaming: rows were written while decoding, still nothing appears
    public void AnUnwritableMaskLeavesNoImageEither(string output)
    {
        Assert.Equal(0, _dir.Run("encode", Rsgconv.TestImage("camera.png"), "c.rsg").ExitCode);
        RunResult r = _dir.Run("decode", "c.rsg", output, "--mask-out", "no/such/dir/mask.png");
        Expect.OneLine(r, 4, "no/such/dir/mask.png");
        Expect.NothingLeft(_dir, output);
    }

    [Fact]
    public void BothFilesAppearWhenBothCanBeWritten()
    {
        Assert.Equal(0, _dir.Run("encode", Rsgconv.TestImage("camera.png"), "c.rsg").ExitCode);
        RunResult r = _dir.Run("decode", "c.rsg", "out.png", "--mask-out", "mask.png");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(File.Exists(_dir["out.png"]) && File.Exists(_dir["mask.png"]));
        Expect.NothingLeft(_dir);
    }
}
