using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.Tools.Tests;

/// <summary>encode --lossless: one lossless region over the whole image, decoded back to the very same pixels.</summary>
public sealed class LosslessCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("screen-gui-crop.png")]
    [InlineData("screen-gmessages-crop.png")]
    [InlineData("camera.png")]
    public void LosslessEncodeDecodesToTheSamePixels(string image)
    {
        RunResult encode = _dir.Run("encode", Rsgconv.TestImage(image), "l.rsg", "--lossless");
        Assert.True(encode.ExitCode == 0, encode.ToString());
        Assert.Contains("lossless", encode.Out);
        Assert.Equal(0, _dir.Run("decode", "l.rsg", "l.png").ExitCode);

        using Image<Rgba32> source = Image.Load<Rgba32>(Rsgconv.TestImage(image));
        using Image<Rgba32> decoded = Image.Load<Rgba32>(_dir["l.png"]);
        byte[] expected = new byte[source.Width * source.Height * 4], actual = new byte[expected.Length];
        source.CopyPixelDataTo(expected);
        decoded.CopyPixelDataTo(actual);
        Assert.Equal(expected, actual);
        RsgImageInfo info = RsgDecoder.Identify(File.ReadAllBytes(_dir["l.rsg"]));
        Assert.Equal(RsgRegionMode.Lossless, Assert.Single(info.Regions).Mode);
    }

    [Theory]
    [InlineData("--quality", "80")]
    [InlineData("--segment", "activity")]
    public void LosslessWithQualityOrSegmentationIsAUsageError(string option, string value)
    {
        RunResult both = _dir.Run("encode", Rsgconv.TestImage("camera.png"), "x.rsg", "--lossless", option, value);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("--lossless codes one lossless region", both.Stderr);
        Assert.False(File.Exists(_dir["x.rsg"]));
    }
}
