using RegionCodec.Segmentation.OpenCv;

namespace RegionCodec.Segmentation.Tests;

/// <summary>The committed test photographs (skimage: astronaut, coffee, coins), loaded once.</summary>
internal static class TestImages
{
    private static readonly Dictionary<string, (byte[] Rgb, int Width, int Height)> Cache = [];

    public static (byte[] Rgb, int Width, int Height) Load(string name)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(name, out var image))
            {
                image = RsgSegmentationImages.LoadRgb(Path.Combine(AppContext.BaseDirectory, "TestData", name + ".png"));
                Cache[name] = image;
            }

            return image;
        }
    }

    public static RsgSegmentation Segment(IRsgSegmenter segmenter, string name, RsgSegmenterOptions? options = null)
    {
        var (rgb, w, h) = Load(name);
        return segmenter.Segment(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, options ?? RsgSegmenterOptions.Default);
    }

    /// <summary>Fraction of the pixels selected by <paramref name="inside"/> whose label satisfies <paramref name="isLabel"/>.</summary>
    public static double Fraction(RsgLabelMap labels, int width, int height, Func<int, int, bool> inside, Func<byte, bool> isLabel)
    {
        long n = 0, hit = 0;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                if (inside(x, y))
                {
                    n++;
                    hit += isLabel(labels.LabelAtPixel(x, y)) ? 1 : 0;
                }
            }
        }

        return n == 0 ? double.NaN : (double)hit / n;
    }

    public static int DistinctLabels(RsgLabelMap labels) => labels.Labels.Distinct().Count();
}
