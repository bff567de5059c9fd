using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.Benchmarks;

internal static class ImageSharpSetup
{
    /// <summary>
    /// A configuration whose codecs run on one thread. Built from scratch because Configuration.Default.Clone()
    /// is shallow in ImageSharp 2.1 and changing the clone would be easy to get wrong.
    /// </summary>
    public static Configuration SingleThreaded() =>
        new(new JpegConfigurationModule(), new PngConfigurationModule()) { MaxDegreeOfParallelism = 1 };

    public static byte[] EncodeJpeg(Image<Rgb24> image, int quality)
    {
        using var stream = new MemoryStream();
        // 4:2:0 explicitly, the same chroma resolution as the .rsg side.
        image.Save(stream, new JpegEncoder { Quality = quality, ColorType = JpegColorType.YCbCrRatio420 });
        return stream.ToArray();
    }

    public static byte[] EncodePng(Image<Rgb24> image)
    {
        using var stream = new MemoryStream();
        image.Save(stream, new PngEncoder());
        return stream.ToArray();
    }

    /// <summary>
    /// The JPEG quality whose file is closest in size to <paramref name="targetBytes"/>. Size grows with quality
    /// (almost monotonically), so a binary search for the first quality at or above the target, then a look at
    /// its lower neighbour, costs about 8 encodes instead of 100.
    /// </summary>
    public static (int Quality, byte[] Jpeg) MatchJpegSize(Image<Rgb24> image, long targetBytes)
    {
        int lo = 1, hi = 100;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (EncodeJpeg(image, mid).LongLength < targetBytes)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        byte[] best = EncodeJpeg(image, lo);
        int bestQuality = lo;
        if (lo > 1)
        {
            byte[] below = EncodeJpeg(image, lo - 1);
            if (Math.Abs(below.LongLength - targetBytes) < Math.Abs(best.LongLength - targetBytes))
            {
                (best, bestQuality) = (below, lo - 1);
            }
        }

        return (bestQuality, best);
    }

    public static byte[] DecodeToRgb(byte[] encoded)
    {
        using Image<Rgb24> image = Image.Load<Rgb24>(encoded);
        var pixels = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(pixels);
        return pixels;
    }
}
