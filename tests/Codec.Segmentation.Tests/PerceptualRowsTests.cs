namespace RegionCodec.Segmentation.Tests;

/// <summary>
/// <see cref="PerceptualSegmenter.SegmentRows"/>: the segmentation measured from rows as they come equals the
/// whole-image one exactly (labels, names, regions at other qualities), on photographs, text, gray input and screen
/// content with a graphics region (which takes extra passes over the rows).
/// </summary>
public class PerceptualRowsTests
{
    [Theory]
    [InlineData("kodim23", 75, 8)]
    [InlineData("kodim15", 40, 8)]
    [InlineData("kodim15", 90, 4)]
    [InlineData("astronaut", 75, 2)]
    [InlineData("coffee", 60, 8)]
    [InlineData("coins", 75, 8)]     // gray photograph stored as RGB
    [InlineData("page", 75, 8)]      // text: the two-level rule fires
    [InlineData("kodim23", 15, 8)]   // one-region quality: only the candidate pass runs
    [InlineData("screen-docs", 75, 8)]     // graphics region: candidate cells measured in a second and third pass
    [InlineData("screen-mixed", 60, 4)]
    [InlineData("gb82sc_windows95", 15, 8)] // graphics at a one-region quality
    public void Rows_give_the_whole_image_segmentation(string name, int quality, int cell)
    {
        var (rgb, w, h) = TestImages.Load(name);
        var options = new RsgSegmenterOptions { TargetQuality = quality, CellSize = cell };
        var segmenter = new PerceptualSegmenter();
        RsgSegmentation whole = segmenter.Segment(rgb, w, h, w * 3, RsgPixelFormat.Rgb24, options);
        var passes = new List<ChunkedRows>();
        RsgSegmentation rows = segmenter.SegmentRows(() => { passes.Add(new ChunkedRows(rgb, w * 3, h)); return passes[^1]; }, w, h, RsgPixelFormat.Rgb24, options);

        Assert.InRange(passes.Count, 1, 3);
        Assert.All(passes, p => Assert.Equal(h, p.RowsRead)); // every pass reads every row once
        AssertSame(whole, rows);
        if (name.StartsWith("screen", StringComparison.Ordinal) || name.StartsWith("gb82", StringComparison.Ordinal))
        {
            Assert.Contains(PerceptualSegmenter.GraphicsRegionName, rows.RegionNames);
            Assert.True(passes.Count >= 2);
        }
    }

    [Fact]
    public void Gray_rows_give_the_whole_image_segmentation()
    {
        var (rgb, w, h) = TestImages.Load("page");
        var gray = new byte[w * h];
        for (int i = 0; i < gray.Length; i++)
        {
            gray[i] = rgb[3 * i + 1];
        }

        var segmenter = new PerceptualSegmenter();
        RsgSegmentation whole = segmenter.Segment(gray, w, h, w, RsgPixelFormat.Gray8, RsgSegmenterOptions.Default);
        AssertSame(whole, segmenter.SegmentRows(() => new ChunkedRows(gray, w, h), w, h, RsgPixelFormat.Gray8, RsgSegmenterOptions.Default));
    }

    [Fact]
    public void A_failing_source_stops_the_pass_with_its_exception()
    {
        var (rgb, w, h) = TestImages.Load("kodim23");
        var source = new ChunkedRows(rgb.AsSpan(0, w * 3 * (h / 2)).ToArray(), w * 3, h / 2);
        Assert.Throws<EndOfStreamException>(() => new PerceptualSegmenter().SegmentRows(() => source, w, h, RsgPixelFormat.Rgb24, RsgSegmenterOptions.Default));
    }

    private static void AssertSame(RsgSegmentation expected, RsgSegmentation actual)
    {
        Assert.Equal(expected.Labels.CellSize, actual.Labels.CellSize);
        Assert.Equal(expected.Labels.Labels.ToArray(), actual.Labels.Labels.ToArray());
        Assert.Equal(expected.RegionNames, actual.RegionNames);
        Assert.Equal(expected.Regions, actual.Regions);
        Assert.Equal(expected.RegionsAt(30), actual.RegionsAt(30));
        Assert.Equal(expected.RegionsAt(95), actual.RegionsAt(95));
    }

    /// <summary>Hands out packed rows in the amounts asked for; throws past the end like a short file.</summary>
    private sealed class ChunkedRows(byte[] pixels, int rowBytes, int height) : IRsgRowSource
    {
        public int RowsRead { get; private set; }

        public void ReadRows(Span<byte> destination, int rowCount)
        {
            Assert.Equal(rowCount * rowBytes, destination.Length);
            if (RowsRead + rowCount > height)
            {
                throw new EndOfStreamException($"row {height} of a shorter image");
            }

            pixels.AsSpan(RowsRead * rowBytes, rowCount * rowBytes).CopyTo(destination);
            RowsRead += rowCount;
        }
    }
}
