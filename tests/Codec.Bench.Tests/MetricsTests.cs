using RegionCodec.Metrics;

namespace RegionCodec.Bench.Tests;

public class PsnrTests
{
    [Fact]
    public void RgbPsnrOfKnownArraysMatchesHandComputedValue()
    {
        // Differences 0, 1, 2, 3 -> MSE = (0 + 1 + 4 + 9) / 4 = 3.5 -> PSNR = 10 log10(65025 / 3.5) = 42.6901...
        byte[] a = [10, 20, 30, 40];
        byte[] b = [10, 21, 28, 43];
        Assert.Equal(10 * Math.Log10(65025 / 3.5), ImageMetrics.PsnrRgb(a, b), 10);
        Assert.Equal(42.69012, ImageMetrics.PsnrRgb(a, b), 4);
    }

    [Fact]
    public void ConstantErrorOfOneGives48Point13Db()
    {
        var a = new byte[300];
        var b = Enumerable.Repeat((byte)1, 300).ToArray();
        Assert.Equal(48.1308, ImageMetrics.PsnrRgb(a, b), 4);
    }

    [Fact]
    public void IdenticalImagesGiveTheCap()
    {
        byte[] a = [1, 2, 3];
        Assert.Equal(ImageMetrics.PsnrCap, ImageMetrics.PsnrRgb(a, a));
    }

    [Fact]
    public void MaskedPsnrUsesOnlyTheSelectedPixels()
    {
        double[] a = [0, 0, 0, 0];
        double[] b = [2, 2, 10, 10];
        bool[] mask = [true, true, false, false];
        Assert.Equal(10 * Math.Log10(65025 / 4.0), ImageMetrics.Psnr(a, b, mask, true), 10);
        Assert.Equal(10 * Math.Log10(65025 / 100.0), ImageMetrics.Psnr(a, b, mask, false), 10);
    }

    [Fact]
    public void LumaIsBt601()
    {
        double[] y = ImageMetrics.Luma([255, 0, 0, 0, 255, 0, 0, 0, 255, 100, 100, 100], 4, 1);
        Assert.Equal(0.299 * 255, y[0], 10);
        Assert.Equal(0.587 * 255, y[1], 10);
        Assert.Equal(0.114 * 255, y[2], 10);
        Assert.Equal(100, y[3], 10);
    }
}

public class SsimTests
{
    private static double[] Noise(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (double)random.Next(256)).ToArray();
    }

    [Fact]
    public void IdenticalImagesHaveSsimAndMsSsimOne()
    {
        double[] a = Noise(64 * 64, 1);
        Assert.Equal(1.0, ImageMetrics.Ssim(a, a, 64, 64), 12);
        double[] big = Noise(200 * 180, 2);
        Assert.Equal(1.0, ImageMetrics.MsSsim(big, big, 200, 180), 12);
    }

    [Theory]
    [InlineData(100, 120)]
    [InlineData(50, 200)]
    [InlineData(0, 255)]
    public void ConstantImagesHaveTheClosedForm(double a, double b)
    {
        // Zero variances and covariance: SSIM = (2ab + C1) / (a^2 + b^2 + C1) everywhere.
        const int w = 20, h = 16;
        double[] pa = Enumerable.Repeat(a, w * h).ToArray(), pb = Enumerable.Repeat(b, w * h).ToArray();
        double expected = ((2 * a * b) + ImageMetrics.C1) / ((a * a) + (b * b) + ImageMetrics.C1);
        Assert.Equal(expected, ImageMetrics.Ssim(pa, pb, w, h), 10);
        Assert.Equal(0.0, ImageMetrics.C1 - 6.5025, 10);
    }

    [Fact]
    public void ContrastReversalOfATwoLevelPatternHasTheClosedForm()
    {
        // A vertical-stripe image and its mirror around the mean (a' = 2m - a): equal means, equal variances s^2,
        // covariance -s^2 in every window, so SSIM = (-2 s^2 + C2) / (2 s^2 + C2) with s^2 the windowed variance.
        const int w = 11, h = 11;
        double[] a = new double[w * h], b = new double[w * h];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = (i % w) % 2 == 0 ? 100 : 140;
            b[i] = 240 - a[i];
        }

        // The only window is centred at (5, 5): weights of even columns sum to pe, odd to 1 - pe.
        double[] g = ImageMetrics.GaussianWindow();
        double pe = g.Where((_, i) => i % 2 == 0).Sum();
        double mean = (100 * pe) + (140 * (1 - pe));
        double variance = (pe * (100 - mean) * (100 - mean)) + ((1 - pe) * (140 - mean) * (140 - mean));
        double meanB = 240 - mean;
        double luminance = ((2 * mean * meanB) + ImageMetrics.C1) / ((mean * mean) + (meanB * meanB) + ImageMetrics.C1);
        double expected = luminance * ((-2 * variance) + ImageMetrics.C2) / ((2 * variance) + ImageMetrics.C2);
        Assert.Equal(expected, ImageMetrics.Ssim(a, b, w, h), 10);
        Assert.True(expected < 0);
    }

    [Fact]
    public void GaussianWindowIsNormalisedAndSymmetric()
    {
        double[] g = ImageMetrics.GaussianWindow();
        Assert.Equal(11, g.Length);
        Assert.Equal(1.0, g.Sum(), 12);
        Assert.Equal(g[0], g[10], 15);
        Assert.Equal(Math.Exp(-1 / 4.5) / Math.Exp(0), g[6] / g[5], 12);
    }

    [Fact]
    public void SsimFallsAsNoiseGrowsAndMsSsimStaysInRange()
    {
        const int w = 176, h = 176;
        double[] a = new double[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                a[(y * w) + x] = 128 + (60 * Math.Sin(x / 7.0) * Math.Cos(y / 11.0));
            }
        }

        var random = new Random(3);
        double[] small = a.Select(v => v + ((random.NextDouble() - 0.5) * 10)).ToArray();
        double[] large = a.Select(v => v + ((random.NextDouble() - 0.5) * 80)).ToArray();
        double s1 = ImageMetrics.Ssim(a, small, w, h), s2 = ImageMetrics.Ssim(a, large, w, h);
        double m1 = ImageMetrics.MsSsim(a, small, w, h), m2 = ImageMetrics.MsSsim(a, large, w, h);
        Assert.True(s1 > s2 && s1 < 1 && s2 > 0);
        Assert.True(m1 > m2 && m1 <= 1 && m2 > 0);
    }

    [Fact]
    public void MsSsimOfConstantImagesIsTheLuminanceTermToItsWeight()
    {
        // Constant images: cs = 1 at every scale, so MS-SSIM = l^0.1333 with l = (2ab + C1) / (a^2 + b^2 + C1).
        const int w = 176, h = 176;
        double[] a = Enumerable.Repeat(100.0, w * h).ToArray(), b = Enumerable.Repeat(130.0, w * h).ToArray();
        double l = ((2 * 100.0 * 130) + ImageMetrics.C1) / ((100.0 * 100) + (130.0 * 130) + ImageMetrics.C1);
        Assert.Equal(Math.Pow(l, 0.1333), ImageMetrics.MsSsim(a, b, w, h), 10);
    }
}

public class BdRateTests
{
    private static readonly (double Rate, double Quality)[] Anchor =
        [(0.2, 26.1), (0.4, 29.0), (0.75, 32.2), (1.2, 35.0), (2.0, 38.3)];

    [Theory]
    [InlineData(0.8, -0.20)]
    [InlineData(0.5, -0.50)]
    [InlineData(1.25, 0.25)]
    [InlineData(1.0, 0.0)]
    public void ConstantRateFactorGivesExactBdRate(double factor, double expected)
    {
        var test = Anchor.Select(p => (p.Rate * factor, p.Quality)).ToArray();
        Assert.Equal(expected, BdRate.Compute(Anchor, test), 10);
    }

    [Fact]
    public void ConstantFactorHoldsWithDifferentSamplingOfTheSameCurve()
    {
        // Both curves on log(rate) = (q - 20) / 6 (exactly cubic-representable: linear), sampled at different qualities.
        static double Rate(double q) => Math.Exp((q - 20) / 6);
        var anchor = new[] { 24.0, 28, 33, 37, 41 }.Select(q => (Rate(q), q)).ToArray();
        var test = new[] { 22.0, 26.5, 30, 35.5, 39, 43 }.Select(q => (Rate(q) * 0.7, q)).ToArray();
        Assert.Equal(-0.30, BdRate.Compute(anchor, test), 10);
    }

    [Fact]
    public void OrderOfPointsDoesNotMatter()
    {
        var test = Anchor.Select(p => (p.Rate * 0.9, p.Quality + 0.3)).ToArray();
        double forward = BdRate.Compute(Anchor, test);
        double shuffled = BdRate.Compute(Anchor.Reverse().ToArray(), [test[2], test[0], test[4], test[1], test[3]]);
        Assert.Equal(forward, shuffled, 12);
        Assert.True(forward < -0.1);
    }

    [Fact]
    public void DisjointQualityRangesGiveNaN()
    {
        var test = Anchor.Select(p => (p.Rate, p.Quality + 100)).ToArray();
        Assert.True(double.IsNaN(BdRate.Compute(Anchor, test)));
    }

    [Fact]
    public void PchipReproducesDataAndIntegratesLinesExactly()
    {
        double[] x = [0, 1, 3, 4, 7], y = [1, 3, 7, 9, 15]; // y = 2x + 1
        double[] d = BdRate.Slopes(x, y);
        Assert.All(d, s => Assert.Equal(2, s, 12));
        Assert.Equal(5, BdRate.Evaluate(x, y, d, 2), 12);
        Assert.Equal((49 + 7) - (0.25 + 0.5), BdRate.Integrate(x, y, d, 0.5, 7), 10);
        // Monotone data stays monotone between the knots.
        double[] x2 = [0, 1, 2, 3], y2 = [0, 0.1, 5, 5.1];
        double[] d2 = BdRate.Slopes(x2, y2);
        double previous = double.MinValue;
        for (double t = 0; t <= 3; t += 0.01)
        {
            double v = BdRate.Evaluate(x2, y2, d2, t);
            Assert.True(v >= previous - 1e-12);
            previous = v;
        }
    }
}
