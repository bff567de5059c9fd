using System.Text.Json;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.Tools.Tests;

/// <summary>
/// rsgconv and alpha: encode keeps a PNG's alpha exactly, decode writes it back to PNG (and WebP), formats
/// without alpha drop it with one warning line, info reports it, the thumbnailer keeps it.
/// </summary>
public sealed class AlphaTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Cutout => Rsgconv.TestImage("kodim23-cutout.png");

    [Fact]
    public void EncodeThenDecodeToPngKeepsTheAlphaExactly()
    {
        RunResult encode = _dir.Run("encode", Cutout, "cut.rsg", "--segment", "none", "-q", "80");
        Assert.True(encode.ExitCode == 0, encode.ToString());
        Assert.True(RsgDecoder.Identify(File.ReadAllBytes(_dir["cut.rsg"])).HasAlpha);

        RunResult decode = _dir.Run("decode", "cut.rsg", "back.png");
        Assert.True(decode.ExitCode == 0, decode.ToString());
        Assert.DoesNotContain("warning", decode.Stderr);
        Assert.Equal(Alpha(Cutout), Alpha(_dir["back.png"]));

        // The colour is the codec's: exactly what the library decodes.
        RsgImage decoded = RsgDecoder.Decode(File.ReadAllBytes(_dir["cut.rsg"]));
        using Image<Rgba32> png = Image.Load<Rgba32>(_dir["back.png"]);
        byte[] pixels = new byte[png.Width * png.Height * 4];
        png.CopyPixelDataTo(pixels);
        Assert.Equal(decoded.Pixels, pixels);
    }

    [Fact]
    public void DecodeToWebpKeepsAlpha()
    {
        Assert.Equal(0, _dir.Run("encode", Cutout, "cut.rsg", "--segment", "none").ExitCode);
        RunResult decode = _dir.Run("decode", "cut.rsg", "back.webp");
        Assert.True(decode.ExitCode == 0, decode.ToString());
        Assert.DoesNotContain("warning", decode.Stderr);
        byte[] expected = Alpha(Cutout), actual = Alpha(_dir["back.webp"]);
        Assert.Contains(actual, a => a == 0);
        Assert.Contains(actual, a => a is > 0 and < 255);
        int close = expected.Zip(actual).Count(p => Math.Abs(p.First - p.Second) <= 2);
        Assert.True(close > expected.Length * 0.99, $"{close} of {expected.Length} alpha samples within 2");
    }

    [Theory]
    [InlineData("back.jpg")]
    [InlineData("back.ppm")]
    [InlineData("back.pgm")]
    public void OutputsWithoutAlphaDropItWithOneWarningLine(string output)
    {
        Assert.Equal(0, _dir.Run("encode", Cutout, "cut.rsg", "--segment", "none").ExitCode);
        RunResult decode = _dir.Run("decode", "cut.rsg", output);
        Assert.True(decode.ExitCode == 0, decode.ToString());
        string[] warnings = [.. decode.Stderr.Split('\n').Where(l => l.Contains("warning", StringComparison.Ordinal))];
        Assert.Single(warnings);
        Assert.Contains("alpha is dropped", warnings[0]);

        // The colour is still the decoded colour, alpha simply left out.
        using Image<Rgb24> written = Image.Load<Rgb24>(_dir[output]);
        Assert.Equal((256, 256), (written.Width, written.Height));
        if (output.EndsWith(".ppm", StringComparison.Ordinal))
        {
            byte[] rgb = new byte[256 * 256 * 3];
            written.CopyPixelDataTo(rgb);
            byte[] rgba = RsgDecoder.Decode(File.ReadAllBytes(_dir["cut.rsg"])).Pixels;
            Assert.Equal(rgba.Where((_, i) => i % 4 != 3).ToArray(), rgb);
        }
    }

    [Fact]
    public void InfoSaysAlphaYesAndJsonReportsIt()
    {
        Assert.Equal(0, _dir.Run("encode", Cutout, "cut.rsg", "--segment", "none").ExitCode);
        Assert.Equal(0, _dir.Run("encode", Rsgconv.Kodim23, "opaque.rsg", "--segment", "none").ExitCode);
        RunResult info = _dir.Run("info", "cut.rsg");
        Assert.Contains("alpha: yes", info.Out);
        Assert.Contains("ALPH", info.Out);
        Assert.Contains("alpha: no", _dir.Run("info", "opaque.rsg").Out);
        using JsonDocument json = JsonDocument.Parse(_dir.Run("info", "cut.rsg", "--json").Out);
        Assert.True(json.RootElement.GetProperty("alpha").GetBoolean());
    }

    [Fact]
    public void OpaquePngInputGetsNoAlphaPlane()
    {
        using (Image<Rgba32> opaque = Image.Load<Rgba32>(Rsgconv.Kodim23))
        {
            opaque.SaveAsPng(_dir["opaque-rgba.png"]);
        }

        Assert.Equal(0, _dir.Run("encode", "opaque-rgba.png", "a.rsg", "--segment", "none").ExitCode);
        Assert.Equal(0, _dir.Run("encode", Rsgconv.Kodim23, "b.rsg", "--segment", "none").ExitCode);
        Assert.Equal(File.ReadAllBytes(_dir["b.rsg"]), File.ReadAllBytes(_dir["a.rsg"]));
    }

    [Fact]
    public void GrayEncodeOfAnRgbaPngKeepsGrayAndAlpha()
    {
        RunResult encode = _dir.Run("encode", Cutout, "gray.rsg", "--segment", "none", "--gray");
        Assert.True(encode.ExitCode == 0, encode.ToString());
        RsgImage decoded = RsgDecoder.Decode(File.ReadAllBytes(_dir["gray.rsg"]));
        Assert.Equal(RsgPixelFormat.GrayAlpha16, decoded.PixelFormat);
        Assert.Equal(0, _dir.Run("decode", "gray.rsg", "gray.png").ExitCode);
        Assert.Equal(Alpha(Cutout), Alpha(_dir["gray.png"]));
    }

    [Fact]
    public void ThumbnailsOfAlphaFilesAreRgbaPngs()
    {
        Assert.Equal(0, _dir.Run("encode", Cutout, "cut.rsg", "--segment", "none").ExitCode);
        RunResult thumb = _dir.Run("thumbnail", "--size", "64", "cut.rsg", "thumb.png");
        Assert.True(thumb.ExitCode == 0, thumb.ToString());
        byte[] alpha = Alpha(_dir["thumb.png"]);
        Assert.Equal(64 * 64, alpha.Length);
        Assert.Contains(alpha, a => a == 0);
        Assert.Contains(alpha, a => a == 255);

        // Each thumbnail pixel's alpha is the mean over its 4x4 source box (256 -> 64: the 1/4 decode, no resampling).
        byte[] full = Alpha(Cutout);
        for (int y = 0; y < 64; y += 7)
        {
            for (int x = 0; x < 64; x += 5)
            {
                int sum = 0;
                for (int j = 0; j < 4; j++)
                {
                    for (int i = 0; i < 4; i++)
                    {
                        sum += full[(((4 * y) + j) * 256) + (4 * x) + i];
                    }
                }

                Assert.Equal((sum + 8) / 16, alpha[(y * 64) + x]);
            }
        }
    }

    private static byte[] Alpha(string path)
    {
        using Image<Rgba32> image = Image.Load<Rgba32>(path);
        byte[] rgba = new byte[image.Width * image.Height * 4];
        image.CopyPixelDataTo(rgba);
        return [.. rgba.Where((_, i) => i % 4 == 3)];
    }
}
