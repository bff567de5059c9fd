using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using RegionCodec.Metrics;

namespace RegionCodec.Tests;

/// <summary>An interleaved 8-bit image held in memory (rows packed unless <see cref="Stride"/> says otherwise).</summary>
public sealed class TestImage
{
    public TestImage(string name, int width, int height, RsgPixelFormat format, byte[] pixels, int stride = 0)
    {
        Name = name;
        Width = width;
        Height = height;
        Format = format;
        Pixels = pixels;
        Stride = stride == 0 ? width * BytesPerPixel(format) : stride;
    }

    public string Name { get; }

    public int Width { get; }

    public int Height { get; }

    public RsgPixelFormat Format { get; }

    public byte[] Pixels { get; }

    public int Stride { get; }

    public int Bpp => BytesPerPixel(Format);

    public static int BytesPerPixel(RsgPixelFormat format) => format switch
    {
        RsgPixelFormat.Gray8 => 1,
        RsgPixelFormat.GrayAlpha16 => 2,
        RsgPixelFormat.Rgb24 or RsgPixelFormat.Bgr24 => 3,
        _ => 4,
    };

    /// <summary>A packed copy of the rectangle (x, y, w, h).</summary>
    public TestImage Crop(int x, int y, int w, int h)
    {
        if (x < 0 || y < 0 || w < 1 || h < 1 || x + w > Width || y + h > Height)
        {
            throw new ArgumentOutOfRangeException(nameof(w), $"crop {x},{y} {w}x{h} outside {Width}x{Height}");
        }

        byte[] pixels = new byte[w * h * Bpp];
        for (int r = 0; r < h; r++)
        {
            Pixels.AsSpan(((y + r) * Stride) + (x * Bpp), w * Bpp).CopyTo(pixels.AsSpan(r * w * Bpp));
        }

        return new TestImage($"{Name}[{x},{y} {w}x{h}]", w, h, Format, pixels);
    }

    /// <summary>Encodes with the codec's default argument order.</summary>
    public byte[] Encode(RsgEncoderOptions? options = null, RsgLabelMap? labels = null) =>
        RsgEncoder.Encode(Pixels, Width, Height, Stride, Format, options, labels);

    public override string ToString() => Name;
}

/// <summary>
/// The photographs in TestData/ (copied from the shared image set), decoded once per test run.
/// kodim23 (768x512 RGB, Kodak suite), astronaut (512x512 RGB, scikit-image), camera (512x512 gray, scikit-image).
/// </summary>
public static class TestImages
{
    /// <summary>spec/conformance, found by walking up from the test binaries.</summary>
    public static string ConformanceFolder { get; } = FindConformanceFolder();

    private static readonly Lazy<TestImage> LazyKodim23 = new(() => LoadRgb("kodim23.png"));
    private static readonly Lazy<TestImage> LazyAstronaut = new(() => LoadRgb("astronaut.png"));
    private static readonly Lazy<TestImage> LazyCamera = new(() => LoadGray("camera.png"));
    private static readonly Lazy<TestImage> LazyAstronaut256 = new(() => Astronaut.Crop(160, 48, 256, 256));
    private static readonly Lazy<TestImage> LazyCamera256 = new(() => Camera.Crop(128, 64, 256, 256));
    private static readonly Lazy<TestImage> LazyParrotCutout = new(() => LoadRgba("kodim23-cutout.png"));
    private static readonly Lazy<TestImage> LazyPortraitCutout = new(() => LoadRgba("kodim04-cutout.png"));
    private static readonly Lazy<TestImage> LazyKodim256 = new(() => Kodim23.Crop(256, 128, 256, 256));
    private static readonly Lazy<TestImage> LazyScreenMessages = new(() => LoadRgb("screen-gmessages-crop.png"));
    private static readonly Lazy<TestImage> LazyScreenGui = new(() => LoadRgba("screen-gui-crop.png"));

    /// <summary>512x384 RGB screenshot crop: anti-aliased text in a message bubble on a dark background.</summary>
    public static TestImage ScreenMessages => LazyScreenMessages.Value;

    /// <summary>448x320 RGBA screenshot crop: a settings panel's widgets and text, rounded corner on a transparent background.</summary>
    public static TestImage ScreenGui => LazyScreenGui.Value;

    /// <summary>768x512 RGB: parrots, smooth background and fine feather detail.</summary>
    public static TestImage Kodim23 => LazyKodim23.Value;

    /// <summary>512x512 RGB portrait.</summary>
    public static TestImage Astronaut => LazyAstronaut.Value;

    /// <summary>512x512 grayscale (cameraman).</summary>
    public static TestImage Camera => LazyCamera.Value;

    /// <summary>256x256 RGB crop of <see cref="Astronaut"/> (face and suit), for heavier loops.</summary>
    public static TestImage Astronaut256 => LazyAstronaut256.Value;

    /// <summary>256x256 gray crop of <see cref="Camera"/>.</summary>
    public static TestImage Camera256 => LazyCamera256.Value;

    /// <summary>256x256 RGB crop of <see cref="Kodim23"/>.</summary>
    public static TestImage Kodim256 => LazyKodim256.Value;

    /// <summary>256x256 RGBA: a GrabCut cut-out of Kodak 23 with a Gaussian-feathered alpha edge.</summary>
    public static TestImage ParrotCutout => LazyParrotCutout.Value;

    /// <summary>256x256 RGBA: a GrabCut cut-out of Kodak 4 (mouth, chin and a shell) with a feathered alpha edge.</summary>
    public static TestImage PortraitCutout => LazyPortraitCutout.Value;

    public static string DataPath(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", file);

    private static TestImage LoadRgb(string file)
    {
        using Image<Rgb24> image = Image.Load<Rgb24>(DataPath(file));
        byte[] pixels = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(pixels);
        return new TestImage(Path.GetFileNameWithoutExtension(file), image.Width, image.Height, RsgPixelFormat.Rgb24, pixels);
    }

    private static TestImage LoadRgba(string file)
    {
        using Image<Rgba32> image = Image.Load<Rgba32>(DataPath(file));
        byte[] pixels = new byte[image.Width * image.Height * 4];
        image.CopyPixelDataTo(pixels);
        return new TestImage(Path.GetFileNameWithoutExtension(file), image.Width, image.Height, RsgPixelFormat.Rgba32, pixels);
    }

    private static TestImage LoadGray(string file)
    {
        using Image<L8> image = Image.Load<L8>(DataPath(file));
        byte[] pixels = new byte[image.Width * image.Height];
        image.CopyPixelDataTo(pixels);
        return new TestImage(Path.GetFileNameWithoutExtension(file), image.Width, image.Height, RsgPixelFormat.Gray8, pixels);
    }

    private static string FindConformanceFolder()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            string candidate = Path.Combine(dir, "spec", "conformance");
            if (File.Exists(Path.Combine(candidate, "manifest.txt")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("spec/conformance/manifest.txt not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Image quality measures over packed 8-bit samples.</summary>
public static class Metrics
{
    /// <summary>PSNR in dB over every sample; <see cref="ImageMetrics.PsnrCap"/> (99) for identical inputs.</summary>
    public static double Psnr(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        return ImageMetrics.PsnrRgb(expected, actual);
    }

    /// <summary>
    /// PSNR over the pixels of a packed image (width x height, <paramref name="bpp"/> samples per pixel)
    /// for which <paramref name="include"/>(x, y) is true.
    /// </summary>
    public static double Psnr(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, int width, int height, int bpp, Func<int, int, bool> include)
    {
        Assert.Equal(expected.Length, actual.Length);
        Assert.Equal(width * height * bpp, expected.Length);
        long sum = 0, count = 0;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                if (!include(x, y))
                {
                    continue;
                }

                int o = ((y * width) + x) * bpp;
                for (int c = 0; c < bpp; c++)
                {
                    int d = expected[o + c] - actual[o + c];
                    sum += d * d;
                }

                count += bpp;
            }
        }

        Assert.True(count > 0, "no pixels selected");
        return ImageMetrics.PsnrFromMse(sum / (double)count);
    }

    /// <summary>Interleaved input in another layout (alpha filled with a varying pattern the codec must ignore).</summary>
    public static byte[] ConvertRgb24(ReadOnlySpan<byte> rgb, RsgPixelFormat format)
    {
        int n = rgb.Length / 3;
        int bpp = TestImage.BytesPerPixel(format);
        byte[] result = new byte[n * bpp];
        for (int i = 0; i < n; i++)
        {
            byte r = rgb[3 * i], g = rgb[(3 * i) + 1], b = rgb[(3 * i) + 2];
            Span<byte> p = result.AsSpan(i * bpp, bpp);
            switch (format)
            {
                case RsgPixelFormat.Rgb24: p[0] = r; p[1] = g; p[2] = b; break;
                case RsgPixelFormat.Bgr24: p[0] = b; p[1] = g; p[2] = r; break;
                case RsgPixelFormat.Rgba32: p[0] = r; p[1] = g; p[2] = b; p[3] = (byte)(i * 37); break;
                case RsgPixelFormat.Bgra32: p[0] = b; p[1] = g; p[2] = r; p[3] = (byte)(i * 91); break;
                default: throw new ArgumentOutOfRangeException(nameof(format));
            }
        }

        return result;
    }
}
