namespace RegionCodec.Metrics;

/// <summary>
/// Full-reference image metrics on 8-bit samples: PSNR (RGB and luma), SSIM (Wang et al. 2004: 11x11 Gaussian window,
/// sigma 1.5, K1 = 0.01, K2 = 0.03, L = 255, "valid" windows only) and MS-SSIM (Wang, Simoncelli, Bovik 2003: five
/// scales, 2x2 average downsampling, the published weights). Luma is BT.601 (0.299 R + 0.587 G + 0.114 B), unrounded.
/// </summary>
public static class ImageMetrics
{
    public const double C1 = 0.01 * 255 * 0.01 * 255;
    public const double C2 = 0.03 * 255 * 0.03 * 255;

    /// <summary>MS-SSIM scale weights (Wang et al. 2003).</summary>
    public static ReadOnlySpan<double> MsSsimWeights => [0.0448, 0.2856, 0.3001, 0.2363, 0.1333];

    /// <summary>Value reported for identical inputs instead of +infinity, so tables and curves stay finite.</summary>
    public const double PsnrCap = 99.0;

    /// <summary>PSNR in dB (peak 255) from a mean squared error; <see cref="PsnrCap"/> when the MSE is 0.</summary>
    public static double PsnrFromMse(double mse) => mse <= 1e-12 ? PsnrCap : 10 * Math.Log10(255.0 * 255.0 / mse);

    /// <summary>RGB PSNR: one MSE over every sample of the three channels.</summary>
    public static double PsnrRgb(ReadOnlySpan<byte> reference, ReadOnlySpan<byte> decoded)
    {
        CheckLengths(reference.Length, decoded.Length);
        long sum = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            int d = reference[i] - decoded[i];
            sum += d * d;
        }

        return PsnrFromMse(sum / (double)reference.Length);
    }

    /// <summary>BT.601 luma of packed RGB24 as doubles (not rounded).</summary>
    public static double[] Luma(ReadOnlySpan<byte> rgb, int width, int height)
    {
        CheckLengths(rgb.Length, width * height * 3);
        var y = new double[width * height];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = (0.299 * rgb[i * 3]) + (0.587 * rgb[(i * 3) + 1]) + (0.114 * rgb[(i * 3) + 2]);
        }

        return y;
    }

    /// <summary>PSNR of two planes, over all samples, or where <paramref name="mask"/>[i] == <paramref name="want"/>.</summary>
    public static double Psnr(ReadOnlySpan<double> a, ReadOnlySpan<double> b, bool[]? mask = null, bool want = true)
    {
        CheckLengths(a.Length, b.Length);
        double sum = 0;
        long n = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (mask is null || mask[i] == want)
            {
                double d = a[i] - b[i];
                sum += d * d;
                n++;
            }
        }

        return n == 0 ? double.NaN : PsnrFromMse(sum / n);
    }

    /// <summary>The normalised 11-tap Gaussian (sigma 1.5) of the SSIM window.</summary>
    public static double[] GaussianWindow(int radius = 5, double sigma = 1.5)
    {
        var g = new double[(2 * radius) + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++)
        {
            g[i + radius] = Math.Exp(-(i * i) / (2 * sigma * sigma));
            sum += g[i + radius];
        }

        for (int i = 0; i < g.Length; i++)
        {
            g[i] /= sum;
        }

        return g;
    }

    /// <summary>Mean SSIM of two planes (mean of the SSIM map over all window positions that fit).</summary>
    public static double Ssim(double[] a, double[] b, int width, int height)
    {
        double[] map = SsimMap(a, b, width, height, out _);
        return MeanOfMap(map, null, true);
    }

    /// <summary>
    /// Per-pixel SSIM map at each window centre; pixels whose window does not fit are NaN. Also returns the
    /// contrast-structure term cs = (2 cov + C2) / (va + vb + C2) map (NaN likewise), which MS-SSIM needs.
    /// </summary>
    public static double[] SsimMap(double[] a, double[] b, int width, int height, out double[] csMap)
    {
        CheckLengths(a.Length, width * height);
        CheckLengths(b.Length, width * height);
        const int r = 5;
        double[] g = GaussianWindow(r);
        int n = width * height;
        var map = new double[n];
        csMap = new double[n];
        Array.Fill(map, double.NaN);
        Array.Fill(csMap, double.NaN);
        if (width < (2 * r) + 1 || height < (2 * r) + 1)
        {
            return map;
        }

        // Horizontal pass over the five moments, valid columns only, then vertical pass at valid rows.
        var h = new double[5][];
        for (int k = 0; k < 5; k++)
        {
            h[k] = new double[n];
        }

        for (int y = 0; y < height; y++)
        {
            int row = y * width;
            for (int x = r; x < width - r; x++)
            {
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0;
                for (int t = -r; t <= r; t++)
                {
                    double w = g[t + r];
                    double va = a[row + x + t], vb = b[row + x + t];
                    s0 += w * va;
                    s1 += w * vb;
                    s2 += w * va * va;
                    s3 += w * vb * vb;
                    s4 += w * va * vb;
                }

                h[0][row + x] = s0;
                h[1][row + x] = s1;
                h[2][row + x] = s2;
                h[3][row + x] = s3;
                h[4][row + x] = s4;
            }
        }

        for (int y = r; y < height - r; y++)
        {
            for (int x = r; x < width - r; x++)
            {
                double ma = 0, mb = 0, saa = 0, sbb = 0, sab = 0;
                for (int t = -r; t <= r; t++)
                {
                    double w = g[t + r];
                    int i = ((y + t) * width) + x;
                    ma += w * h[0][i];
                    mb += w * h[1][i];
                    saa += w * h[2][i];
                    sbb += w * h[3][i];
                    sab += w * h[4][i];
                }

                double va = saa - (ma * ma), vb = sbb - (mb * mb), cov = sab - (ma * mb);
                double cs = ((2 * cov) + C2) / (va + vb + C2);
                double l = ((2 * ma * mb) + C1) / ((ma * ma) + (mb * mb) + C1);
                map[(y * width) + x] = l * cs;
                csMap[(y * width) + x] = cs;
            }
        }

        return map;
    }

    /// <summary>Mean of a SSIM map over the non-NaN pixels, optionally only where mask[i] == want.</summary>
    public static double MeanOfMap(double[] map, bool[]? mask, bool want)
    {
        double sum = 0;
        long n = 0;
        for (int i = 0; i < map.Length; i++)
        {
            if ((mask is null || mask[i] == want) && !double.IsNaN(map[i]))
            {
                sum += map[i];
                n++;
            }
        }

        return n == 0 ? double.NaN : sum / n;
    }

    /// <summary>
    /// MS-SSIM: product over five scales of mean(cs)^w, times mean(l)^w at the coarsest scale, where each coarser
    /// scale is a 2x2 box average of the previous one (odd edges dropped). Negative cs means are clamped to 0.
    /// Scales whose image is smaller than the 11x11 window are dropped and the remaining weights used as they are.
    /// </summary>
    public static double MsSsim(double[] a, double[] b, int width, int height)
    {
        ReadOnlySpan<double> weights = MsSsimWeights;
        double result = 1;
        for (int scale = 0; scale < weights.Length; scale++)
        {
            double[] map = SsimMap(a, b, width, height, out double[] cs);
            double csMean = MeanOfMap(cs, null, true);
            if (double.IsNaN(csMean))
            {
                break;
            }

            bool last = scale == weights.Length - 1 || width / 2 < 11 || height / 2 < 11;
            if (last)
            {
                // The SSIM map is l * cs, so at the last scale mean(l * cs) stands for l^w * cs^w (as in the
                // reference implementations that use the full SSIM at the coarsest scale).
                double ssimMean = MeanOfMap(map, null, true);
                return result * Math.Pow(Math.Max(0, ssimMean), weights[scale]);
            }

            result *= Math.Pow(Math.Max(0, csMean), weights[scale]);
            (a, _, _) = Downsample(a, width, height);
            (b, width, height) = Downsample(b, width, height);
        }

        return result;
    }

    /// <summary>2x2 box-average downsampling; an odd last row or column is dropped.</summary>
    public static (double[] Plane, int Width, int Height) Downsample(double[] p, int width, int height)
    {
        int w = width / 2, h = height / 2;
        var o = new double[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int i = (2 * y * width) + (2 * x);
                o[(y * w) + x] = (p[i] + p[i + 1] + p[i + width] + p[i + width + 1]) * 0.25;
            }
        }

        return (o, w, h);
    }

    private static void CheckLengths(int a, int b)
    {
        if (a != b || a == 0)
        {
            throw new ArgumentException($"Sample counts differ or are zero ({a} vs {b}).");
        }
    }
}
