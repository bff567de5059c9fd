using OpenCvSharp;

namespace RegionCodec.Segmentation.OpenCv;

/// <summary>
/// k-means on colour in CIE Lab (OpenCV's 8-bit Lab), k chosen by the user, OpenCV's RNG seeded with
/// <see cref="OpenCvSegmenter.Seed"/>. Centres are fitted on a copy at most <see cref="FitSide"/> pixels on its
/// longer side (fast, and the same centres), then every pixel takes its nearest centre. Clusters are
/// labelled by size, largest first (label 0 = the largest cluster, usually the background), so the
/// qualities rise for smaller, more specific clusters; cleaning never removes a cluster altogether.
/// </summary>
public sealed class KMeansSegmenter : OpenCvSegmenter
{
    public KMeansSegmenter(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, RsgConstants.MaxRegions);
        K = k;
    }

    public int K { get; }

    /// <summary>Longer side of the image the centres are fitted on. Default 256.</summary>
    public int FitSide { get; init; } = 256;

    /// <summary>k-means restarts (the most compact wins). Default 3.</summary>
    public int Attempts { get; init; } = 3;

    public override string Name => "kmeans";

    public override PixelSegmentation SegmentPixels(Mat bgr, RsgSegmenterOptions options)
    {
        using var lab = new Mat();
        Cv2.CvtColor(bgr, lab, ColorConversionCodes.BGR2Lab);
        double scale = Math.Min(1.0, (double)FitSide / Math.Max(bgr.Cols, bgr.Rows));
        using var small = new Mat();
        Cv2.Resize(lab, small, new Size(Math.Max(1, (int)Math.Round(bgr.Cols * scale)), Math.Max(1, (int)Math.Round(bgr.Rows * scale))), interpolation: InterpolationFlags.Area);
        using Mat samples8 = small.Reshape(1, small.Rows * small.Cols);
        using var samples = new Mat();
        samples8.ConvertTo(samples, MatType.CV_32FC1);
        using var bestLabels = new Mat();
        using var centers = new Mat();
        Cv2.SetTheRNG(Seed == 0 ? 1 : Seed);
        int k = Math.Min(K, samples.Rows);
        Cv2.Kmeans(samples, k, bestLabels, new TermCriteria(CriteriaTypes.Eps | CriteriaTypes.MaxIter, 50, 0.5), Attempts, KMeansFlags.PpCenters, centers);

        var c = new float[k * 3];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                c[(i * 3) + j] = centers.At<float>(i, j);
            }
        }

        // Assign every full-resolution pixel to its nearest centre.
        int rows = lab.Rows, cols = lab.Cols;
        byte[] labBytes = new byte[(long)rows * cols * 3];
        for (int y = 0; y < rows; y++)
        {
            System.Runtime.InteropServices.Marshal.Copy(lab.Ptr(y), labBytes, y * cols * 3, cols * 3);
        }

        var raw = new byte[(long)rows * cols];
        var counts = new long[k];
        for (int p = 0; p < raw.Length; p++)
        {
            float l = labBytes[p * 3], a = labBytes[(p * 3) + 1], b = labBytes[(p * 3) + 2];
            int best = 0;
            float bestD = float.MaxValue;
            for (int i = 0; i < k; i++)
            {
                float dl = l - c[i * 3], da = a - c[(i * 3) + 1], db = b - c[(i * 3) + 2];
                float d = (dl * dl) + (da * da) + (db * db);
                if (d < bestD)
                {
                    bestD = d;
                    best = i;
                }
            }

            raw[p] = (byte)best;
            counts[best]++;
        }

        // Relabel by size, largest first; ties by centre index.
        int[] order = Enumerable.Range(0, k).OrderByDescending(i => counts[i]).ThenBy(i => i).ToArray();
        var rank = new byte[k];
        for (int r = 0; r < k; r++)
        {
            rank[order[r]] = (byte)r;
        }

        for (int p = 0; p < raw.Length; p++)
        {
            raw[p] = rank[raw[p]];
        }

        var names = new string[k];
        for (int r = 0; r < k; r++)
        {
            names[r] = $"cluster{r}";
        }

        return new PixelSegmentation(raw, bgr.Cols, bgr.Rows, names);
    }
}
