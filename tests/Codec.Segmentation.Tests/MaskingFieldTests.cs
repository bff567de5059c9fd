namespace RegionCodec.Segmentation.Tests;

/// <summary>
/// The masking field's vectorised, band-parallel gradient pass against a plain per-pixel reference of the same
/// definition (spec of the model in MaskingField's summary), on photographs, text and crops of awkward sizes.
/// </summary>
public class MaskingFieldTests
{
    public static TheoryData<string, int, int> Crops => new()
    {
        { "kodim23", 0, 0 },       // whole photograph
        { "page", 0, 0 },          // text: many stroke pixels
        { "coins", 17, 13 },       // width and height not multiples of 4 or 8
        { "astronaut", 1, 1 },
        { "kodim15", 2, 3 },
        { "coffee", 509, 390 },    // a few columns and rows: the scalar edges only
    };

    [Theory]
    [MemberData(nameof(Crops))]
    public void Vectorised_parallel_pass_matches_the_per_pixel_reference(string name, int trimRight, int trimBottom)
    {
        var (rgb, fullWidth, fullHeight) = TestImages.Load(name);
        int width = fullWidth - trimRight, height = fullHeight - trimBottom;
        byte[] luma = Crop(RsgLuma.Extract(rgb, fullWidth, fullHeight, fullWidth * 3, RsgPixelFormat.Rgb24), fullWidth, width, height);
        const int StrokeGradient = 150;
        int blocks = ((width + 7) >> 3) * ((height + 7) >> 3);
        var (expected, expectedStrokes) = Reference(luma, width, height, 0.5f, StrokeGradient);
        foreach (int threads in new[] { 1, 2, 3 })
        {
            var strokes = new byte[blocks];
            float[] actual = MaskingField.Compute(luma, width, height, 0.5f, StrokeGradient, strokes, default, threads);
            Assert.Equal(expected, actual);
            Assert.Equal(expectedStrokes, strokes);
        }

        if (name == "page")
        {
            Assert.Contains(expectedStrokes, c => c > 8); // text: the stroke count is exercised, not all zero
        }
    }

    private static byte[] Crop(byte[] luma, int stride, int width, int height)
    {
        var crop = new byte[width * height];
        for (int y = 0; y < height; y++)
        {
            luma.AsSpan(y * stride, width).CopyTo(crop.AsSpan(y * width));
        }

        return crop;
    }

    /// <summary>The model written out pixel by pixel: quarter means of |dx| + |dy|, the two calmest, log2, erosion.</summary>
    private static (float[] Field, byte[] Strokes) Reference(byte[] luma, int width, int height, float erosion, int strokeGradient)
    {
        int bw = (width + 7) >> 3, bh = (height + 7) >> 3, qw = bw * 2;
        var sum = new long[qw * bh * 2];
        var count = new int[qw * bh * 2];
        var strokes = new byte[bw * bh];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int l = luma[(y * width) + Math.Max(0, x - 1)], r = luma[(y * width) + Math.Min(width - 1, x + 1)];
                int u = luma[(Math.Max(0, y - 1) * width) + x], d = luma[(Math.Min(height - 1, y + 1) * width) + x];
                int g = Math.Abs(r - l) + Math.Abs(d - u);
                sum[((y >> 2) * qw) + (x >> 2)] += g;
                count[((y >> 2) * qw) + (x >> 2)]++;
                if (g >= strokeGradient)
                {
                    strokes[((y >> 3) * bw) + (x >> 3)]++;
                }
            }
        }

        var block = new float[bw * bh];
        for (int by = 0; by < bh; by++)
        {
            for (int bx = 0; bx < bw; bx++)
            {
                var means = new List<float>();
                for (int q = 0; q < 4; q++)
                {
                    int i = (((by * 2) + (q >> 1)) * qw) + (bx * 2) + (q & 1);
                    if (count[i] > 0)
                    {
                        means.Add(sum[i] / (float)count[i]);
                    }
                }

                means.Sort();
                float calm = means.Count >= 2 ? (means[0] + means[1]) * 0.5f : means[0];
                block[(by * bw) + bx] = MathF.Log2(1f + calm);
            }
        }

        var eroded = new float[block.Length];
        for (int i = 0; i < block.Length; i++)
        {
            int bx = i % bw, by = i / bw;
            float min = block[i];
            if (bx > 0) min = Math.Min(min, block[i - 1]);
            if (bx < bw - 1) min = Math.Min(min, block[i + 1]);
            if (by > 0) min = Math.Min(min, block[i - bw]);
            if (by < bh - 1) min = Math.Min(min, block[i + bw]);
            eroded[i] = block[i] - (erosion * (block[i] - min));
        }

        return (eroded, strokes);
    }
}
