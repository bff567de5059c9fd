using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.Tools.Tests;

/// <summary>
/// encode reads a binary 8-bit PPM/PGM as rows from the file when nothing needs the whole image (no segmentation or the
/// default perceptual one, no --target-size): the file is what the in-memory path writes for the same pixels, and other
/// inputs still work.
/// </summary>
public sealed class StreamedPpmTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void APpmIsStreamedAndCodedAsThePngOfTheSamePixels()
    {
        using (Image<Rgb24> photo = Image.Load<Rgb24>(Rsgconv.Kodim23))
        {
            WritePnm(_dir["k.ppm"], photo.Width, photo.Height, "P6", Pixels(photo), comment: true);
        }

        RunResult fromPng = _dir.Run("encode", Rsgconv.Kodim23, "png.rsg", "--segment", "none", "-q", "60", "--cell", "4", "--verbose");
        RunResult fromPpm = _dir.Run("encode", "k.ppm", "ppm.rsg", "--segment", "none", "-q", "60", "--cell", "4", "--verbose");
        Assert.True(fromPpm.ExitCode == 0, fromPpm.ToString());
        Assert.Contains("read as rows from the file", fromPpm.Out);
        Assert.DoesNotContain("read as rows from the file", fromPng.Out);
        Assert.Equal(File.ReadAllBytes(_dir["png.rsg"]), File.ReadAllBytes(_dir["ppm.rsg"]));

        // The default perceptual segmentation is measured from the rows too: the same bytes as from the PNG.
        RunResult segmented = _dir.Run("encode", "k.ppm", "seg.rsg", "--verbose");
        Assert.True(segmented.ExitCode == 0, segmented.ToString());
        Assert.Contains("read as rows from the file", segmented.Out);
        Assert.Equal(0, _dir.Run("encode", Rsgconv.Kodim23, "seg-png.rsg").ExitCode);
        Assert.Equal(File.ReadAllBytes(_dir["seg-png.rsg"]), File.ReadAllBytes(_dir["seg.rsg"]));

        // Other segmenters look at the whole image: the in-memory path.
        RunResult activity = _dir.Run("encode", "k.ppm", "act.rsg", "--segment", "activity", "--verbose");
        Assert.True(activity.ExitCode == 0, activity.ToString());
        Assert.DoesNotContain("read as rows from the file", activity.Out);
    }

    [Theory]
    [InlineData("screen-gui-crop.png", "75")]       // a graphics region: extra passes and two trial encodes from the file
    [InlineData("screen-gmessages-crop.png", "40")]
    [InlineData("camera.png", "80")]                // gray content: segmented as the file's RGB, coded as gray
    public void DefaultEncodeOfAPpmEqualsTheInMemoryEncode(string name, string quality)
    {
        using (Image<Rgb24> picture = Image.Load<Rgb24>(Rsgconv.TestImage(name)))
        {
            WritePnm(_dir["p.ppm"], picture.Width, picture.Height, "P6", Pixels(picture));
            picture.SaveAsPng(_dir["p.png"]); // the same pixels as Rgb24 (the test image may be RGBA or gray)
        }

        RunResult ppm = _dir.Run("encode", "p.ppm", "ppm.rsg", "-q", quality, "--verbose");
        RunResult png = _dir.Run("encode", "p.png", "png.rsg", "-q", quality, "--verbose");
        Assert.True(ppm.ExitCode == 0 && png.ExitCode == 0, $"{ppm}\n{png}");
        Assert.Contains("read as rows from the file", ppm.Out);
        Assert.Equal(File.ReadAllBytes(_dir["png.rsg"]), File.ReadAllBytes(_dir["ppm.rsg"]));
        if (name.StartsWith("screen", StringComparison.Ordinal))
        {
            Assert.Contains("graphics", ppm.Out); // the region report names the lossless or DCT graphics region
        }
    }

    [Fact]
    public void GrayPpmAndPgmAreStreamedAsGrayWithTheInMemoryBytes()
    {
        using Image<L8> camera = Image.Load<L8>(Rsgconv.TestImage("camera.png"));
        byte[] levels = new byte[camera.Width * camera.Height];
        camera.CopyPixelDataTo(levels);
        byte[] rgb = new byte[levels.Length * 3];
        for (int i = 0; i < levels.Length; i++)
        {
            rgb[3 * i] = rgb[(3 * i) + 1] = rgb[(3 * i) + 2] = levels[i];
        }

        WritePnm(_dir["c.ppm"], camera.Width, camera.Height, "P6", rgb);
        WritePnm(_dir["c.pgm"], camera.Width, camera.Height, "P5", levels);
        RunResult png = _dir.Run("encode", Rsgconv.TestImage("camera.png"), "png.rsg", "--segment", "none");
        RunResult ppm = _dir.Run("encode", "c.ppm", "ppm.rsg", "--segment", "none", "--verbose");
        RunResult pgm = _dir.Run("encode", "c.pgm", "pgm.rsg", "--segment", "none", "--verbose");
        RunResult colour = _dir.Run("encode", "c.ppm", "colour.rsg", "--segment", "none", "--color", "--verbose");
        Assert.True(ppm.ExitCode == 0 && pgm.ExitCode == 0 && colour.ExitCode == 0, $"{ppm}\n{pgm}\n{colour}");
        Assert.Contains("coded as gray", ppm.Out);
        Assert.Contains("read as rows from the file", ppm.Out);
        Assert.Contains("read as rows from the file", pgm.Out);
        Assert.Contains("read as rows from the file", colour.Out);
        byte[] expected = File.ReadAllBytes(_dir["png.rsg"]);
        Assert.Equal(expected, File.ReadAllBytes(_dir["ppm.rsg"]));
        Assert.Equal(expected, File.ReadAllBytes(_dir["pgm.rsg"]));
        Assert.True(File.ReadAllBytes(_dir["colour.rsg"]).Length > expected.Length); // --color keeps three planes
    }

    [Fact]
    public void ATruncatedPpmFailsWithOneLineAndLeavesNothing()
    {
        using (Image<Rgb24> photo = Image.Load<Rgb24>(Rsgconv.Kodim23))
        {
            byte[] pixels = Pixels(photo);
            WritePnm(_dir["cut.ppm"], photo.Width, photo.Height, "P6", pixels.AsSpan(0, pixels.Length / 2).ToArray());
        }

        RunResult r = _dir.Run("encode", "cut.ppm", "out.rsg", "--segment", "none");
        Assert.NotEqual(0, r.ExitCode);
        Assert.StartsWith("rsgconv: cut.ppm: corrupt image: truncated PPM: 768x512 needs 1179648 bytes of samples, the file has 589824", r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.False(File.Exists(_dir["out.rsg"]));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp"));
    }

    [Fact]
    public void LosslessPpmIsCodedLosslessly()
    {
        using (Image<Rgb24> photo = Image.Load<Rgb24>(Rsgconv.Kodim23))
        {
            WritePnm(_dir["k.ppm"], photo.Width, photo.Height, "P6", Pixels(photo));
        }

        RunResult r = _dir.Run("encode", "k.ppm", "k.rsg", "--lossless");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("lossless", r.Out);
        Assert.Equal(0, _dir.Run("decode", "k.rsg", "k.png").ExitCode);
        using Image<Rgb24> source = Image.Load<Rgb24>(Rsgconv.Kodim23);
        using Image<Rgb24> decoded = Image.Load<Rgb24>(_dir["k.png"]);
        Assert.Equal(Pixels(source), Pixels(decoded));
    }

    [Fact]
    public void A16BitPpmTakesTheInMemoryPath()
    {
        // maxval 65535: not a one-pass input; ImageSharp reads it (scaled to 8 bits) as before.
        byte[] samples = new byte[32 * 16 * 6];
        new Random(3).NextBytes(samples);
        WritePnm(_dir["deep.ppm"], 32, 16, "P6", samples, maxValue: 65535);
        RunResult r = _dir.Run("encode", "deep.ppm", "deep.rsg", "--segment", "none", "--verbose");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.DoesNotContain("read as rows from the file", r.Out);
    }

    private static byte[] Pixels(Image<Rgb24> image)
    {
        byte[] pixels = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(pixels);
        return pixels;
    }

    private static void WritePnm(string path, int width, int height, string magic, byte[] samples, bool comment = false, int maxValue = 255)
    {
        using FileStream file = File.Create(path);
        string header = comment ? $"{magic}\n# written by a test\n{width}  {height}\n{maxValue}\n" : $"{magic}\n{width} {height}\n{maxValue}\n";
        file.Write(System.Text.Encoding.ASCII.GetBytes(header));
        file.Write(samples);
    }
}
