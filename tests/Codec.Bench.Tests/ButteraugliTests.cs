using RegionCodec.Benchmarks;

namespace RegionCodec.Bench.Tests;

/// <summary>
/// The benchmarks' perceptual judge: Debian's butteraugli behind <see cref="Butteraugli"/>, and the verdict cache of
/// <c>equal-size</c>. CI installs butteraugli (.ci/run), so a missing tool fails here rather than skipping.
/// </summary>
public sealed class ButteraugliTests : IDisposable
{
    private const int Side = 128;
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("rsg-ba-test-");

    public void Dispose() => work.Delete(recursive: true);

    [Fact]
    public void TheToolIsInstalled() =>
        Assert.True(Butteraugli.Path is not null, "butteraugli is not on PATH (apt-get install -y butteraugli; .ci/run installs it)");

    [Fact]
    public void IdenticalImagesAreAtDistanceZeroAndMoreNoiseIsFurther()
    {
        byte[] reference = Crop();
        string refPng = Path.Combine(work.FullName, "ref.png");
        ExternalTools.WritePng(refPng, reference, Side, Side);

        double same = Butteraugli.Distance(refPng, reference, Side, Side, work.FullName);
        double mild = Butteraugli.Distance(refPng, Noisy(reference, 4), Side, Side, work.FullName);
        double strong = Butteraugli.Distance(refPng, Noisy(reference, 24), Side, Side, work.FullName);

        Assert.True(same < 0.01, $"identical: {same}");
        Assert.True(mild > 0.1, $"noise +-4: {mild}");
        Assert.True(strong > mild * 1.5, $"noise +-24: {strong} against +-4: {mild}");
        Assert.Single(Directory.GetFiles(work.FullName)); // the distorted PNGs were deleted, the reference stays
    }

    [Fact]
    public void AFileTheToolCannotReadIsAnErrorNamingBothFiles()
    {
        string missing = Path.Combine(work.FullName, "missing.png");
        var error = Assert.Throws<InvalidOperationException>(() => Butteraugli.Distance(missing, missing));
        Assert.Contains("missing.png", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheVerdictCacheAnswersFromItsFileWithoutJudgingAgain()
    {
        string file = Path.Combine(work.FullName, "verdicts.tsv");
        byte[] coded = [1, 2, 3, 4];
        string key = JudgeCache.Key("kodak/kodim23", coded);
        int judged = 0;
        (double, double, double) Judge()
        {
            judged++;
            return (38.25, 0.9931, 2.4375);
        }

        Assert.Equal((38.25, 0.9931, 2.4375), new JudgeCache(file).GetOrAdd(key, Judge));
        var reloaded = new JudgeCache(file);
        Assert.Equal((38.25, 0.9931, 2.4375), reloaded.GetOrAdd(key, Judge));
        Assert.Equal(1, judged);
        Assert.NotEqual(key, JudgeCache.Key("kodak/kodim23", [1, 2, 3, 5]));
        Assert.NotEqual(key, JudgeCache.Key("kodak/kodim24", coded));
    }

    /// <summary>The top-left 128x128 of the bundled photograph, packed RGB.</summary>
    private static byte[] Crop()
    {
        string sample = Path.Combine(AppContext.BaseDirectory, "../../../../../samples/kodim23.png");
        RgbImage image = RgbImage.Load(Path.GetFullPath(sample));
        var crop = new byte[Side * Side * 3];
        for (int y = 0; y < Side; y++)
        {
            Array.Copy(image.Pixels, y * image.Width * 3, crop, y * Side * 3, Side * 3);
        }

        return crop;
    }

    private static byte[] Noisy(byte[] rgb, int amplitude)
    {
        var rng = new Random(7);
        var noisy = new byte[rgb.Length];
        for (int i = 0; i < rgb.Length; i++)
        {
            noisy[i] = (byte)Math.Clamp(rgb[i] + rng.Next(-amplitude, amplitude + 1), 0, 255);
        }

        return noisy;
    }
}
