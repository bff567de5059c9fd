namespace RegionCodec.RoiBenchmark;

/// <summary>PSNR and SSIM of luma inside and outside a pixel mask.</summary>
public static class RegionMetrics
{
    /// <summary>BT.601 luma as doubles from packed RGB.</summary>
    public static double[] Luma(byte[] rgb, int width, int height)
    {
        var y = new double[width * height];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = (0.299 * rgb[i * 3]) + (0.587 * rgb[(i * 3) + 1]) + (0.114 * rgb[(i * 3) + 2]);
        }

        return y;
    }

    /// <summary>PSNR (dB, peak 255) over the pixels where mask == want.</summary>
    public static double Psnr(double[] a, double[] b, bool[] mask, bool want)
    {
        double sum = 0;
        long n = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (mask[i] == want)
            {
                double d = a[i] - b[i];
                sum += d * d;
                n++;
            }
        }

        double mse = sum / Math.Max(1, n);
        return mse <= 1e-12 ? 99 : 10 * Math.Log10(255.0 * 255.0 / mse);
    }

    /// <summary>
    /// Per-pixel SSIM map (Wang et al. 2004: Gaussian 11x11 window, sigma 1.5, K1 0.01, K2 0.03, L 255);
    /// pixels whose window does not fit are NaN.
    /// </summary>
    public static double[] SsimMap(double[] a, double[] b, int width, int height)
    {
        const int r = 5;
        var g = new double[(2 * r) + 1];
        double gs = 0;
        for (int i = -r; i <= r; i++)
        {
            g[i + r] = Math.Exp(-(i * i) / (2 * 1.5 * 1.5));
            gs += g[i + r];
        }

        for (int i = 0; i < g.Length; i++)
        {
            g[i] /= gs;
        }

        int n = width * height;
        var products = new double[5][];
        for (int k = 0; k < 5; k++)
        {
            products[k] = new double[n];
        }

        for (int i = 0; i < n; i++)
        {
            products[0][i] = a[i];
            products[1][i] = b[i];
            products[2][i] = a[i] * a[i];
            products[3][i] = b[i] * b[i];
            products[4][i] = a[i] * b[i];
        }

        var filtered = new double[5][];
        var tmp = new double[n];
        for (int k = 0; k < 5; k++)
        {
            double[] src = products[k];
            // Horizontal then vertical, valid part only (borders left as 0 and masked below).
            Array.Clear(tmp);
            for (int y = 0; y < height; y++)
            {
                for (int x = r; x < width - r; x++)
                {
                    double s = 0;
                    for (int t = -r; t <= r; t++)
                    {
                        s += g[t + r] * src[(y * width) + x + t];
                    }

                    tmp[(y * width) + x] = s;
                }
            }

            var dst = new double[n];
            for (int y = r; y < height - r; y++)
            {
                for (int x = r; x < width - r; x++)
                {
                    double s = 0;
                    for (int t = -r; t <= r; t++)
                    {
                        s += g[t + r] * tmp[((y + t) * width) + x];
                    }

                    dst[(y * width) + x] = s;
                }
            }

            filtered[k] = dst;
        }

        const double c1 = 0.01 * 255 * 0.01 * 255, c2 = 0.03 * 255 * 0.03 * 255;
        var map = new double[n];
        Array.Fill(map, double.NaN);
        for (int y = r; y < height - r; y++)
        {
            for (int x = r; x < width - r; x++)
            {
                int i = (y * width) + x;
                double ma = filtered[0][i], mb = filtered[1][i];
                double va = filtered[2][i] - (ma * ma), vb = filtered[3][i] - (mb * mb), cov = filtered[4][i] - (ma * mb);
                map[i] = ((2 * ma * mb) + c1) * ((2 * cov) + c2) / (((ma * ma) + (mb * mb) + c1) * (va + vb + c2));
            }
        }

        return map;
    }

    /// <summary>Mean of the SSIM map over the pixels where mask == want (window-fitting pixels only).</summary>
    public static double MeanSsim(double[] map, bool[] mask, bool want)
    {
        double sum = 0;
        long n = 0;
        for (int i = 0; i < map.Length; i++)
        {
            if (mask[i] == want && !double.IsNaN(map[i]))
            {
                sum += map[i];
                n++;
            }
        }

        return n == 0 ? double.NaN : sum / n;
    }
}
