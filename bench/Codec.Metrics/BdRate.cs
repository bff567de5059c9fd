namespace RegionCodec.Metrics;

/// <summary>
/// Bjontegaard delta rate: the average rate difference of a test RD curve against an anchor at equal quality.
/// Each curve gives log(rate) as a function of quality, interpolated with a piecewise cubic Hermite interpolant
/// (PCHIP, Fritsch-Carlson slopes, as in the "piecewise cubic" variant of VCEG-AL22 / JVET CTC); both are integrated
/// exactly over the overlap of their quality ranges, and BD-rate = exp(mean difference) - 1.
/// </summary>
public static class BdRate
{
    /// <summary>
    /// BD-rate of <paramref name="test"/> against <paramref name="anchor"/> as a fraction (-0.2 = 20% fewer bits),
    /// or NaN when the curves have fewer than two distinct qualities or their quality ranges do not overlap.
    /// </summary>
    public static double Compute(IReadOnlyList<(double Rate, double Quality)> anchor, IReadOnlyList<(double Rate, double Quality)> test)
    {
        (double[] qa, double[] la) = Prepare(anchor);
        (double[] qt, double[] lt) = Prepare(test);
        if (qa.Length < 2 || qt.Length < 2)
        {
            return double.NaN;
        }

        double lo = Math.Max(qa[0], qt[0]);
        double hi = Math.Min(qa[^1], qt[^1]);
        if (!(hi > lo))
        {
            return double.NaN;
        }

        double ia = Integrate(qa, la, Slopes(qa, la), lo, hi);
        double it = Integrate(qt, lt, Slopes(qt, lt), lo, hi);
        return Math.Exp((it - ia) / (hi - lo)) - 1;
    }

    /// <summary>Sorts by quality, drops non-positive rates and non-finite points, keeps one point per quality.</summary>
    private static (double[] Q, double[] LogRate) Prepare(IReadOnlyList<(double Rate, double Quality)> curve)
    {
        var points = curve.Where(p => p.Rate > 0 && double.IsFinite(p.Rate) && double.IsFinite(p.Quality))
            .OrderBy(p => p.Quality).ThenBy(p => p.Rate).ToList();
        var q = new List<double>();
        var l = new List<double>();
        foreach (var (rate, quality) in points)
        {
            if (q.Count > 0 && quality <= q[^1])
            {
                continue; // equal quality at a higher rate adds nothing
            }

            q.Add(quality);
            l.Add(Math.Log(rate));
        }

        return (q.ToArray(), l.ToArray());
    }

    /// <summary>PCHIP slopes (Fritsch-Carlson with the three-point, shape-preserving end conditions).</summary>
    public static double[] Slopes(double[] x, double[] y)
    {
        int n = x.Length;
        var d = new double[n];
        var h = new double[n - 1];
        var delta = new double[n - 1];
        for (int k = 0; k < n - 1; k++)
        {
            h[k] = x[k + 1] - x[k];
            delta[k] = (y[k + 1] - y[k]) / h[k];
        }

        if (n == 2)
        {
            d[0] = d[1] = delta[0];
            return d;
        }

        for (int k = 1; k < n - 1; k++)
        {
            if (delta[k - 1] * delta[k] <= 0)
            {
                d[k] = 0;
            }
            else
            {
                double w1 = (2 * h[k]) + h[k - 1], w2 = h[k] + (2 * h[k - 1]);
                d[k] = (w1 + w2) / ((w1 / delta[k - 1]) + (w2 / delta[k]));
            }
        }

        d[0] = EndSlope(h[0], h[1], delta[0], delta[1]);
        d[n - 1] = EndSlope(h[n - 2], h[n - 3], delta[n - 2], delta[n - 3]);
        return d;
    }

    private static double EndSlope(double h0, double h1, double del0, double del1)
    {
        double d = (((2 * h0) + h1) * del0 - (h0 * del1)) / (h0 + h1);
        if (Math.Sign(d) != Math.Sign(del0))
        {
            return 0;
        }

        if (Math.Sign(del0) != Math.Sign(del1) && Math.Abs(d) > Math.Abs(3 * del0))
        {
            return 3 * del0;
        }

        return d;
    }

    /// <summary>Evaluates the Hermite interpolant at <paramref name="t"/> (x must be sorted; t clamped to the range).</summary>
    public static double Evaluate(double[] x, double[] y, double[] d, double t)
    {
        int k = Segment(x, t);
        double h = x[k + 1] - x[k], s = (t - x[k]) / h;
        double h00 = ((2 * s) - 3) * s * s + 1, h10 = ((s - 2) * s + 1) * s, h01 = (3 - (2 * s)) * s * s, h11 = (s - 1) * s * s;
        return (h00 * y[k]) + (h10 * h * d[k]) + (h01 * y[k + 1]) + (h11 * h * d[k + 1]);
    }

    /// <summary>Exact integral of the Hermite interpolant from <paramref name="lo"/> to <paramref name="hi"/>.</summary>
    public static double Integrate(double[] x, double[] y, double[] d, double lo, double hi)
    {
        double total = 0;
        for (int k = 0; k < x.Length - 1; k++)
        {
            double a = Math.Max(lo, x[k]), b = Math.Min(hi, x[k + 1]);
            if (b <= a)
            {
                continue;
            }

            total += SegmentIntegral(x, y, d, k, b) - SegmentIntegral(x, y, d, k, a);
        }

        return total;
    }

    // Antiderivative of the cubic on segment k, from x[k] to t.
    private static double SegmentIntegral(double[] x, double[] y, double[] d, int k, double t)
    {
        double h = x[k + 1] - x[k], s = (t - x[k]) / h;
        double s2 = s * s, s3 = s2 * s, s4 = s3 * s;
        double i00 = (s4 / 2) - s3 + s, i10 = (s4 / 4) - (2 * s3 / 3) + (s2 / 2), i01 = s3 - (s4 / 2), i11 = (s4 / 4) - (s3 / 3);
        return h * ((i00 * y[k]) + (i10 * h * d[k]) + (i01 * y[k + 1]) + (i11 * h * d[k + 1]));
    }

    private static int Segment(double[] x, double t)
    {
        for (int k = 0; k < x.Length - 2; k++)
        {
            if (t < x[k + 1])
            {
                return k;
            }
        }

        return x.Length - 2;
    }
}
