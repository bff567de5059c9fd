using System.Text.Json;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.Tools.Tests;

/// <summary>encode and batch code gray input (a grayscale PNG, or RGB with R = G = B everywhere) as gray unless --color.</summary>
public sealed class GrayInputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void GrayscaleAndRgbEqualPngsEncodeAsGraySmallerThanWithColorAndDecodeAsBefore()
    {
        using (Image<Rgb24> rgb = Image.Load<Rgb24>(Rsgconv.TestImage("camera.png")))
        {
            rgb.SaveAsPng(_dir["camera-rgb.png"]);
        }

        RunResult gray = _dir.Run("encode", Rsgconv.TestImage("camera.png"), "g.rsg", "--segment", "none");
        Assert.True(gray.ExitCode == 0, gray.ToString());
        Assert.Contains("gray input (R = G = B in every pixel): coded as gray; --color keeps colour", gray.Out);
        RunResult rgbEqual = _dir.Run("encode", "camera-rgb.png", "e.rsg", "--segment", "none");
        Assert.True(rgbEqual.ExitCode == 0, rgbEqual.ToString());
        RunResult colour = _dir.Run("encode", "camera-rgb.png", "c.rsg", "--segment", "none", "--color");
        Assert.True(colour.ExitCode == 0, colour.ToString());
        Assert.DoesNotContain("gray input", colour.Out);
        RunResult forced = _dir.Run("encode", Rsgconv.TestImage("camera.png"), "f.rsg", "--segment", "none", "--gray");
        Assert.DoesNotContain("gray input", forced.Out);

        Assert.Equal("gray", ColorModel("g.rsg"));
        Assert.Equal("gray", ColorModel("e.rsg"));
        Assert.Equal("ycbcr", ColorModel("c.rsg"));
        byte[] g = File.ReadAllBytes(_dir["g.rsg"]);
        Assert.Equal(g, File.ReadAllBytes(_dir["e.rsg"]));
        Assert.Equal(g, File.ReadAllBytes(_dir["f.rsg"])); // --gray on gray input codes the same levels
        Assert.True(g.Length < new FileInfo(_dir["c.rsg"]).Length, $"gray {g.Length} B vs colour {new FileInfo(_dir["c.rsg"]).Length} B");

        // The decoded gray file is a grayscale PNG, as files encoded with --gray always decoded.
        Assert.Equal(0, _dir.Run("decode", "g.rsg", "g.png").ExitCode);
        Assert.Equal(0, _dir.Run("decode", "f.rsg", "f.png").ExitCode);
        Assert.Equal(File.ReadAllBytes(_dir["f.png"]), File.ReadAllBytes(_dir["g.png"]));
        using Image<L8> decoded = Image.Load<L8>(_dir["g.png"]);
        Assert.Equal(8, Image.Identify(_dir["g.png"]).PixelType.BitsPerPixel);
    }

    [Fact]
    public void ColourPhotoStaysColourAndGrayWithColorIsAUsageError()
    {
        RunResult photo = _dir.Run("encode", Rsgconv.Kodim23, "k.rsg");
        Assert.True(photo.ExitCode == 0, photo.ToString());
        Assert.DoesNotContain("gray input", photo.Out);
        Assert.Equal("ycbcr", ColorModel("k.rsg"));

        RunResult both = _dir.Run("encode", Rsgconv.Kodim23, "x.rsg", "--gray", "--color");
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("--gray and --color contradict each other", both.Stderr);
        Assert.False(File.Exists(_dir["x.rsg"]));
    }

    [Fact]
    public void BatchCodesGrayInputAsGrayUnlessColor()
    {
        Directory.CreateDirectory(_dir["in"]);
        File.Copy(Rsgconv.TestImage("camera.png"), _dir["in/camera.png"]);
        File.Copy(Rsgconv.TestImage("astronaut.png"), _dir["in/astronaut.png"]);
        Assert.Equal(0, _dir.Run("batch", "in", "out").ExitCode);
        Assert.Equal(0, _dir.Run("batch", "in", "kept", "--color").ExitCode);

        Assert.Equal("gray", ColorModel("out/camera.rsg"));
        Assert.Equal("ycbcr", ColorModel("out/astronaut.rsg"));
        Assert.Equal("ycbcr", ColorModel("kept/camera.rsg"));
    }

    private string ColorModel(string file)
    {
        RunResult info = _dir.Run("info", file, "--json");
        Assert.True(info.ExitCode == 0, info.ToString());
        using JsonDocument json = JsonDocument.Parse(info.Stdout);
        return json.RootElement.GetProperty("colorModel").GetString()!;
    }
}
