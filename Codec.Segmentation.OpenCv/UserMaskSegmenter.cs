using OpenCvSharp;

namespace RegionCodec.Segmentation.OpenCv;

/// <summary>
/// A user's mask: a grayscale image whose distinct values are the labels, in increasing value (value 0,
/// or the darkest, is label 0 = background; brighter values are more important). Masks from any tool,
/// for example a neural segmenter, work. A mask of another size is scaled to the image (nearest neighbour).
/// More than 255 distinct values are merged by the common cleaning.
/// </summary>
public sealed class UserMaskSegmenter : OpenCvSegmenter
{
    private readonly byte[] mask;

    public UserMaskSegmenter(byte[] mask, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.Length != (long)width * height)
        {
            throw new ArgumentException("Need width x height mask bytes.", nameof(mask));
        }

        this.mask = mask;
        MaskWidth = width;
        MaskHeight = height;
        SmoothingRadius = 0;
    }

    public int MaskWidth { get; }

    public int MaskHeight { get; }

    /// <summary>How many distinct values the mask has (each becomes a region); front ends refuse masks with too many.</summary>
    public int DistinctValueCount
    {
        get
        {
            var seen = new bool[256];
            int count = 0;
            foreach (byte v in mask)
            {
                if (!seen[v])
                {
                    seen[v] = true;
                    count++;
                }
            }

            return count;
        }
    }

    /// <summary>Loads a mask image (any format ImageSharp reads; colour is converted to luma).</summary>
    public static UserMaskSegmenter FromFile(string path)
    {
        var (gray, w, h) = RsgSegmentationImages.LoadGray(path);
        return new UserMaskSegmenter(gray, w, h);
    }

    public override string Name => "mask";

    public override PixelSegmentation SegmentPixels(Mat bgr, RsgSegmenterOptions options)
    {
        int w = bgr.Cols, h = bgr.Rows;
        var values = new bool[256];
        foreach (byte v in mask)
        {
            values[v] = true;
        }

        var label = new byte[256];
        var names = new List<string>();
        for (int v = 0; v < 256; v++)
        {
            if (values[v])
            {
                label[v] = (byte)Math.Min(255, names.Count);
                names.Add($"value{v}");
            }
        }

        var labels = new byte[(long)w * h];
        for (int y = 0; y < h; y++)
        {
            int my = (int)((long)y * MaskHeight / h);
            for (int x = 0; x < w; x++)
            {
                int mx = (int)((long)x * MaskWidth / w);
                labels[(y * w) + x] = label[mask[(my * MaskWidth) + mx]];
            }
        }

        if (names.Count > 255)
        {
            // 256 distinct values: the two brightest share label 255 before cleaning merges further.
            names.RemoveAt(names.Count - 1);
        }

        return new PixelSegmentation(labels, w, h, names);
    }
}
