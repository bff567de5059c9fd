using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.Benchmarks;

/// <summary>A decoded image as packed RGB (stride = 3 * width), the layout both codecs take.</summary>
internal sealed record RgbImage(string Path, int Width, int Height, byte[] Pixels)
{
    public int Stride => Width * 3;

    public double Megapixels => Width * (double)Height / 1e6;

    /// <summary>An ImageSharp copy; its encoders run with <paramref name="configuration"/> (default: Configuration.Default).</summary>
    public Image<Rgb24> ToImageSharp(Configuration? configuration = null) =>
        Image.LoadPixelData<Rgb24>(configuration ?? Configuration.Default, Pixels, Width, Height);

    /// <summary>Loads any format ImageSharp reads; grayscale and alpha inputs are expanded or dropped to RGB.</summary>
    public static RgbImage Load(string path)
    {
        using Image<Rgb24> image = Image.Load<Rgb24>(path);
        var pixels = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(pixels);
        return new RgbImage(path, image.Width, image.Height, pixels);
    }
}

/// <summary>Which photograph the BenchmarkDotNet classes measure.</summary>
internal static class BenchImage
{
    public const string ImageEnvVar = "RSG_BENCH_IMAGE";

    /// <summary>Optional override of the .rsg strip height (0 = the encoder's default of about 1 MP per strip).</summary>
    public const string StripHeightEnvVar = "RSG_BENCH_STRIP_HEIGHT";

    public const string FallbackPath = "/work/shared/images/kodak/kodim23.png";

    // Real photographs known to the project (the shared Kodak and scikit-image sets). Only these are taken
    // from TestData by default, so a synthetic test pattern there is never benchmarked by accident.
    private static readonly HashSet<string> KnownPhotos = new(StringComparer.OrdinalIgnoreCase)
    {
        "astronaut", "chelsea", "coffee", "hubble_deep_field", "motorcycle_left", "motorcycle_right", "retina", "rocket",
    };

    private static readonly string[] ReadableExtensions = [".png", ".jpg", ".jpeg", ".bmp", ".ppm", ".tga", ".tif", ".tiff", ".webp"];

    /// <summary>
    /// RSG_BENCH_IMAGE if set; else the largest known photo committed in tests/Codec.Tests/TestData; else kodim23.
    /// Child processes started by BenchmarkDotNet inherit the environment and find the same repository, so every
    /// process measures the same file.
    /// </summary>
    public static string ResolvePath()
    {
        string? fromEnv = Environment.GetEnvironmentVariable(ImageEnvVar);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            string full = Path.GetFullPath(fromEnv);
            return File.Exists(full) ? full : throw new FileNotFoundException($"{ImageEnvVar} points to a missing file.", full);
        }

        return FindTestDataPhoto() ?? FallbackPath;
    }

    public static int StripHeight()
    {
        string? value = Environment.GetEnvironmentVariable(StripHeightEnvVar);
        return int.TryParse(value, out int rows) && rows > 0 ? rows : 0;
    }

    private static string? FindTestDataPhoto()
    {
        string? root = FindRepositoryRoot();
        if (root is null)
        {
            return null;
        }

        string testData = Path.Combine(root, "tests", "Codec.Tests", "TestData");
        if (!Directory.Exists(testData))
        {
            return null;
        }

        return Directory.EnumerateFiles(testData, "*", SearchOption.AllDirectories)
            .Where(IsKnownPhoto)
            .Select(path => (path, pixels: PixelCount(path)))
            .Where(candidate => candidate.pixels > 0)
            .OrderByDescending(candidate => candidate.pixels)
            .ThenBy(candidate => candidate.path, StringComparer.Ordinal)
            .Select(candidate => candidate.path)
            .FirstOrDefault();
    }

    private static bool IsKnownPhoto(string path)
    {
        if (!ReadableExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        string name = Path.GetFileNameWithoutExtension(path);
        return KnownPhotos.Contains(name) || (name.StartsWith("kodim", StringComparison.OrdinalIgnoreCase) && name.Length == 7);
    }

    private static long PixelCount(string path)
    {
        try
        {
            IImageInfo? info = Image.Identify(path);
            return info is null ? 0 : (long)info.Width * info.Height;
        }
        catch (Exception ex) when (ex is UnknownImageFormatException or InvalidImageContentException or IOException)
        {
            return 0;
        }
    }

    /// <summary>Walks up from the current directory and from the executable (BenchmarkDotNet runs children from bin/).</summary>
    private static string? FindRepositoryRoot()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "RegionCodec.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
