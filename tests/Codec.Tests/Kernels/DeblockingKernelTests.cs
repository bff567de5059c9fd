using RegionCodec.Quantization;
using RegionCodec.Reconstruction;

namespace RegionCodec.Tests.Kernels;

/// <summary>
/// The deblocking filter's SIMD path (spec/rsg.md §10.5) gives exactly what its scalar reference path gives:
/// on random planes built so that most lines pass the thresholds, so that none do, and so that the
/// results saturate at 0 and 255; on every plane shape from one block up, with strides wider than the
/// plane; and on the strips of real photos, plain and decoded without deblocking, at the step of every
/// quality and table set. The tests call each path directly, so they test the SIMD code whatever the
/// machine accelerates; the dispatching <see cref="DeblockingFilter.Filter"/> is checked the same way.
/// </summary>
public sealed class DeblockingKernelTests
{
    private delegate void FilterPath(Span<byte> samples, int stride, int blocksWide, int blocksHigh,
        ReadOnlySpan<byte> blockRegion, ReadOnlySpan<int> stepByRegion);

    private static readonly (string Name, FilterPath Path)[] SimdPaths =
    [
        ("Vector128", DeblockingFilter.FilterVector128),
        ("Vector256", DeblockingFilter.FilterVector256),
        ("Dispatch", DeblockingFilter.Filter),
    ];

    private enum Content
    {
        /// <summary>Uniform random bytes: nearly every line is a "real edge" and is left alone.</summary>
        Noise,

        /// <summary>Smooth random walks with a seam at every block edge: most lines are filtered.</summary>
        SmoothWithSeams,

        /// <summary>Blocks of values near 0 or near 255 with large steps: p0 + delta and q0 − delta leave 0..255.</summary>
        Saturating,

        /// <summary>Blocks of a single value, 0 or 255 or random, next to each other.</summary>
        FlatBlocks,

        /// <summary>Every sample 0, 1, 254 or 255: the largest differences, deltas and threshold comparisons at their ends.</summary>
        Extremes,
    }

    public static TheoryData<int, int, int> Shapes() => new()
    {
        // blocksWide, blocksHigh, extra stride
        { 1, 1, 0 },
        { 1, 1, 5 },
        { 1, 6, 0 },
        { 1, 7, 3 },
        { 6, 1, 0 },
        { 7, 1, 9 },
        { 2, 2, 0 },
        { 3, 3, 1 },
        { 5, 4, 16 },
        { 16, 9, 0 },
        { 33, 5, 7 },
        { 40, 40, 24 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void SimdMatchesScalarOnEveryKindOfContent(int blocksWide, int blocksHigh, int extraStride)
    {
        var random = new Random((blocksWide * 1000) + (blocksHigh * 10) + extraStride);
        foreach (Content content in Enum.GetValues<Content>())
        {
            for (int trial = 0; trial < 12; trial++)
            {
                int[] steps = RandomSteps(random, content, trial);
                AssertPathsMatch(random, content, blocksWide, blocksHigh, extraStride, steps, $"{content} trial {trial}");
            }
        }
    }

    [Fact]
    public void SimdMatchesScalarAtEveryStep()
    {
        // One region, every step 0..300 (tc 0 at 0..2, every alpha/beta/tc up to far beyond what 8-bit samples can reach).
        var random = new Random(77);
        for (int step = 0; step <= 300; step++)
        {
            foreach (Content content in Enum.GetValues<Content>())
            {
                AssertPathsMatch(random, content, 4, 3, 3, [step], $"{content} step {step}");
            }
        }
    }

    [Fact]
    public void SimdMatchesScalarWithHugeAndOddSteps()
    {
        // Steps far outside what quantization tables give (the thresholds then exceed 16 bits), and zero or negative ones.
        var random = new Random(78);
        int[][] tables =
        [
            [65535, 1, 3, 254],
            [1_000_000, 40_000, 32767, 2],
            [0, -5, 255, 12],
            [int.MaxValue / 4, 100, 0, 3],
        ];
        foreach (int[] steps in tables)
        {
            foreach (Content content in Enum.GetValues<Content>())
            {
                for (int trial = 0; trial < 6; trial++)
                {
                    AssertPathsMatch(random, content, 9, 6, 2, steps, $"{content} steps [{string.Join(", ", steps)}]");
                }
            }
        }
    }

    [Fact]
    public void SimdPathChangesTheSamplesItShould()
    {
        // Guards against a SIMD path that silently does nothing (it would then only match a scalar path that also did nothing).
        var random = new Random(79);
        int changed = 0;
        for (int trial = 0; trial < 20; trial++)
        {
            (byte[] plane, int stride, byte[] regions) = MakePlane(random, Content.SmoothWithSeams, 8, 8, 3, 1);
            byte[] before = [.. plane];
            DeblockingFilter.FilterVector128(plane, stride, 8, 8, regions, [40]);
            changed += plane.Zip(before).Count(pair => pair.First != pair.Second);
        }

        Assert.True(changed > 20 * 8 * 8 * 8, $"only {changed} samples changed");
    }

    [Fact]
    public void EveryPathRejectsAPlaneThatDoesNotFit()
    {
        // The vector path reads and writes pass 1 without bounds checks, so the plane is checked up front (by every path).
        int[] steps = [40];
        byte[] regions = new byte[6];
        foreach (FilterPath path in SimdPaths.Select(p => p.Path).Append(DeblockingFilter.FilterScalar))
        {
            // 3x2 blocks, stride 24: needs 15 rows of 24 plus one of 24 = 384 samples.
            path(new byte[384], 24, 3, 2, regions, steps);
            Assert.Throws<ArgumentException>(() => path(new byte[383], 24, 3, 2, regions, steps));
            Assert.Throws<ArgumentOutOfRangeException>(() => path(new byte[1000], 23, 3, 2, regions, steps));
            Assert.Throws<ArgumentOutOfRangeException>(() => path(new byte[1000], 24, -1, 2, regions, steps));
            path([], 24, 0, 5, regions, steps);
            path([], 24, 5, 0, regions, steps);
        }
    }

    /// <summary>
    /// Real content for the filter: Kodim23 as it is, Kodim23 decoded without deblocking from four regions at
    /// qualities 5 to 60 on random 8x8 blocks (the seams the filter exists for), and the gray camera decoded
    /// without deblocking at quality 10. Each source is one interleaved image and the block labels it was encoded with.
    /// </summary>
    private static readonly Lazy<(string Name, TestImage Image, byte[] BlockLabels)[]> PhotoSources = new(() =>
    {
        TestImage kodim = TestImages.Kodim23, camera = TestImages.Camera;
        byte[] kodimLabels = RandomBlockLabels(kodim, 4, new Random(80));
        byte[] blocky = kodim.Encode(
            new RsgEncoderOptions
            {
                Regions = [new RsgRegion(5), new RsgRegion(15), new RsgRegion(30), new RsgRegion(60)],
                StripHeight = 64,
                Deblocking = false,
            },
            new RsgLabelMap((kodim.Width + 7) / 8, (kodim.Height + 7) / 8, 8, kodimLabels));
        byte[] cameraFile = camera.Encode(new RsgEncoderOptions { Regions = [new RsgRegion(10)], Deblocking = false });
        byte[] cameraLabels = new byte[((camera.Width + 7) / 8) * ((camera.Height + 7) / 8)];
        return
        [
            ("kodim23", kodim, kodimLabels),
            ("kodim23 q5-60 undeblocked", new TestImage("kodim23 undeblocked", kodim.Width, kodim.Height, RsgPixelFormat.Rgb24, RsgDecoder.Decode(blocky).Pixels), kodimLabels),
            ("camera q10 undeblocked", new TestImage("camera undeblocked", camera.Width, camera.Height, RsgPixelFormat.Gray8, RsgDecoder.Decode(cameraFile).Pixels), cameraLabels),
        ];
    });

    /// <summary>The <see cref="DeblockingFilter.BlockStep"/> of every quality 1..100 in every table set, luma and chroma.</summary>
    private static int[] EveryQualityStep()
    {
        var steps = new List<int>();
        ushort[] table = new ushort[64];
        foreach (RsgQuantizationTables set in Enum.GetValues<RsgQuantizationTables>())
        {
            for (int quality = 1; quality <= 100; quality++)
            {
                foreach (bool chroma in new[] { false, true })
                {
                    QuantizationTables.Build(quality, chroma, set, table);
                    steps.Add(DeblockingFilter.BlockStep(table));
                }
            }
        }

        return [.. steps];
    }

    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(64)]
    [InlineData(0)]
    public void SimdMatchesScalarOnPhotoStripsAtEveryQuality(int stripHeight)
    {
        // Each channel of each photo cut into strips of stripHeight rows (0: the whole image as one strip), filtered
        // in place inside the whole channel plane, as the decoder filters each strip's planes (edges on the strip's
        // border are not filtered). Every quality's step in every table set, luma and chroma, as the one region;
        // then random mixes of them on the labels the photo was encoded with. The rows around each strip must not change.
        int[] steps = EveryQualityStep();
        var random = new Random(81 + stripHeight);
        foreach ((string name, TestImage image, byte[] blockLabels) in PhotoSources.Value)
        {
            // Each channel as a plane of whole blocks, with a stride 5 wider (the edge pixel repeated).
            int blocksWide = image.Width / 8, labelsWide = (image.Width + 7) / 8;
            int width = blocksWide * 8, height = image.Height / 8 * 8, stride = width + 5;
            byte[][] planes = new byte[image.Bpp][];
            for (int channel = 0; channel < image.Bpp; channel++)
            {
                planes[channel] = new byte[stride * height];
                for (int y = 0; y < height; y++)
                {
                    for (int x = 0; x < stride; x++)
                    {
                        planes[channel][(y * stride) + x] = image.Pixels[(y * image.Stride) + (Math.Min(x, image.Width - 1) * image.Bpp) + channel];
                    }
                }
            }

            int rowsPerStrip = stripHeight == 0 ? height : stripHeight;
            for (int n = 0; n < steps.Length; n++)
            {
                // Every step as the one region, the channels in turn; every 4th time also a mix of up to 4 random steps.
                int channel = n % image.Bpp;
                AssertStripsMatch(planes[channel], stride, height, blocksWide, rowsPerStrip, blockLabels, labelsWide, [steps[n]],
                    $"{name} channel {channel} step {steps[n]}");
                if (n % 4 == 0)
                {
                    int[] mixed = [.. Enumerable.Range(0, 1 + random.Next(4)).Select(_ => steps[random.Next(steps.Length)])];
                    AssertStripsMatch(planes[channel], stride, height, blocksWide, rowsPerStrip, blockLabels, labelsWide, mixed,
                        $"{name} channel {channel} steps [{string.Join(", ", mixed)}]");
                }
            }
        }
    }

    [Fact]
    public void PhotoStripTestFiltersSomething()
    {
        // Guards the photo test above against sources that no path would change (it would then compare unfiltered planes).
        (_, TestImage image, _) = PhotoSources.Value[1];
        int blocksWide = image.Width / 8, blocksHigh = 8, stride = image.Width;
        byte[] plane = new byte[stride * blocksHigh * 8];
        for (int i = 0; i < plane.Length; i++)
        {
            plane[i] = image.Pixels[(i * 3) + 1];
        }

        byte[] before = [.. plane];
        DeblockingFilter.FilterVector128(plane, stride, blocksWide, blocksHigh, new byte[blocksWide * blocksHigh], [40]);
        int changed = plane.Zip(before).Count(pair => pair.First != pair.Second);
        Assert.True(changed > blocksWide * blocksHigh * 8, $"only {changed} samples changed");
    }

    /// <summary>
    /// Filters each strip of <paramref name="rowsPerStrip"/> rows of a copy of <paramref name="plane"/> with the
    /// scalar reference and with each SIMD path, block labels taken from <paramref name="blockLabels"/> (row-major,
    /// <paramref name="labelsWide"/> per row) modulo the number of steps, and compares each strip after filtering it.
    /// </summary>
    private static void AssertStripsMatch(byte[] plane, int stride, int height, int blocksWide, int rowsPerStrip,
        byte[] blockLabels, int labelsWide, int[] steps, string what)
    {
        byte[] expected = [.. plane];
        byte[][] actual = [.. SimdPaths.Select(_ => (byte[])plane.Clone())];
        for (int top = 0; top < height; top += rowsPerStrip)
        {
            int blocksHigh = Math.Min(rowsPerStrip, height - top) / 8;
            byte[] regions = new byte[blocksWide * blocksHigh];
            for (int by = 0; by < blocksHigh; by++)
            {
                for (int bx = 0; bx < blocksWide; bx++)
                {
                    regions[(by * blocksWide) + bx] = (byte)(blockLabels[(((top / 8) + by) * labelsWide) + bx] % steps.Length);
                }
            }

            // Each path gets only the strip's span, as the decoder passes each strip's planes: nothing outside it can change.
            int start = top * stride, length = (((blocksHigh * 8) - 1) * stride) + (blocksWide * 8);
            Span<byte> reference = expected.AsSpan(start, length);
            DeblockingFilter.FilterScalar(reference, stride, blocksWide, blocksHigh, regions, steps);
            for (int p = 0; p < SimdPaths.Length; p++)
            {
                Span<byte> strip = actual[p].AsSpan(start, length);
                SimdPaths[p].Path(strip, stride, blocksWide, blocksHigh, regions, steps);
                int mismatch = reference.CommonPrefixLength(strip);
                Assert.True(mismatch == length,
                    $"{SimdPaths[p].Name}, {what}, strip at row {top} of {rowsPerStrip} rows: first difference at row {top + (mismatch / stride)}, column {mismatch % stride}");
            }
        }
    }

    private static byte[] RandomBlockLabels(TestImage image, int regionCount, Random random)
    {
        byte[] labels = new byte[((image.Width + 7) / 8) * ((image.Height + 7) / 8)];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = (byte)random.Next(regionCount);
        }

        return labels;
    }

    private static void AssertPathsMatch(Random random, Content content, int blocksWide, int blocksHigh, int extraStride, int[] steps, string what)
    {
        (byte[] plane, int stride, byte[] regions) = MakePlane(random, content, blocksWide, blocksHigh, extraStride, steps.Length);
        byte[] expected = [.. plane];
        DeblockingFilter.FilterScalar(expected, stride, blocksWide, blocksHigh, regions, steps);
        foreach ((string name, FilterPath path) in SimdPaths)
        {
            byte[] actual = [.. plane];
            path(actual, stride, blocksWide, blocksHigh, regions, steps);
            int mismatch = expected.AsSpan().CommonPrefixLength(actual);
            Assert.True(mismatch == expected.Length,
                $"{name}, {what}, {blocksWide}x{blocksHigh} blocks, stride {stride}: first difference at row {mismatch / stride}, column {mismatch % stride}");
        }
    }

    /// <summary>Random per-region steps for one trial: mostly 1..255, with some fine (tc = 0) regions mixed in.</summary>
    private static int[] RandomSteps(Random random, Content content, int trial)
    {
        int[] steps = new int[1 + (trial % 4)];
        for (int i = 0; i < steps.Length; i++)
        {
            steps[i] = (trial % 3) switch
            {
                0 => random.Next(1, 256),
                1 => random.Next(1, 6),
                _ => content == Content.Saturating ? random.Next(100, 256) : random.Next(3, 64),
            };
        }

        return steps;
    }

    /// <summary>
    /// A plane of <paramref name="blocksWide"/> x <paramref name="blocksHigh"/> blocks with
    /// <paramref name="extraStride"/> random bytes after each row, and a random region (0 … regionCount − 1) per block.
    /// </summary>
    private static (byte[] Plane, int Stride, byte[] Regions) MakePlane(Random random, Content content, int blocksWide, int blocksHigh, int extraStride, int regionCount)
    {
        int width = blocksWide * 8, height = blocksHigh * 8, stride = width + extraStride;
        byte[] plane = new byte[stride * height];
        random.NextBytes(plane);
        byte[] regions = new byte[blocksWide * blocksHigh];
        for (int i = 0; i < regions.Length; i++)
        {
            regions[i] = (byte)random.Next(regionCount);
        }

        switch (content)
        {
            case Content.Noise:
                break;

            case Content.SmoothWithSeams:
                // A random walk along each row (steps -2..2) plus a random offset per block, so each block edge has a seam.
                int[] offsets = new int[blocksWide * blocksHigh];
                for (int i = 0; i < offsets.Length; i++)
                {
                    offsets[i] = random.Next(-12, 13);
                }

                for (int y = 0; y < height; y++)
                {
                    int value = random.Next(40, 216);
                    for (int x = 0; x < width; x++)
                    {
                        value = Math.Clamp(value + random.Next(-2, 3), 0, 255);
                        plane[(y * stride) + x] = (byte)Math.Clamp(value + offsets[((y / 8) * blocksWide) + (x / 8)], 0, 255);
                    }
                }

                break;

            case Content.Saturating:
                // Each block near 0 or near 255; with large steps the corrections push p0 and q0 past the ends.
                for (int by = 0; by < blocksHigh; by++)
                {
                    for (int bx = 0; bx < blocksWide; bx++)
                    {
                        bool low = random.Next(2) == 0;
                        int spread = random.Next(1, 64);
                        for (int y = 0; y < 8; y++)
                        {
                            for (int x = 0; x < 8; x++)
                            {
                                int v = random.Next(spread);
                                plane[(((by * 8) + y) * stride) + (bx * 8) + x] = (byte)(low ? v : 255 - v);
                            }
                        }
                    }
                }

                break;

            case Content.FlatBlocks:
                for (int by = 0; by < blocksHigh; by++)
                {
                    for (int bx = 0; bx < blocksWide; bx++)
                    {
                        byte v = (byte)(random.Next(3) switch { 0 => 0, 1 => 255, _ => random.Next(256) });
                        for (int y = 0; y < 8; y++)
                        {
                            plane.AsSpan((((by * 8) + y) * stride) + (bx * 8), 8).Fill(v);
                        }
                    }
                }

                break;

            case Content.Extremes:
                for (int y = 0; y < height; y++)
                {
                    for (int x = 0; x < width; x++)
                    {
                        plane[(y * stride) + x] = (byte)(random.Next(4) switch { 0 => 0, 1 => 1, 2 => 254, _ => 255 });
                    }
                }

                break;
        }

        return (plane, stride, regions);
    }
}
