using RegionCodec.Coefficients;

namespace RegionCodec.Tests.Coefficients;

/// <summary>Region of each block (spec/rsg.md §7.3): the uniform-strip shortcut and the per-block rule agree.</summary>
public sealed class BlockRegionsTests
{
    [Fact]
    public void AUniformStripGivesEveryBlockItsLabelAndOneOtherCellOnlyItsBlocks()
    {
        // 100x40 pixels, 4:2:0 (16-pixel MCUs), mask cells of 4 pixels: 25x10 cells, luma 14x6 blocks, chroma 7x3.
        var header = new FrameHeader(100, 40, RsgColorModel.YCbCr, RsgChromaSubsampling.Yuv420, maskCellLog2: 2, stripMcuRows: 3, regionCount: 3);
        int[] ranks = BlockRegions.Ranks([new(30), new(80), new(50)]);
        byte[] mask = new byte[header.MaskWidth * header.StripMaskRows(0)];
        mask.AsSpan().Fill(2);
        using var luma = new PlaneState(isChroma: false);
        using var chroma = new PlaneState(isChroma: true);
        luma.Prepare(14, 6, 8);
        chroma.Prepare(7, 3, 16);
        luma.Region.AsSpan().Fill(9);

        BlockRegions.Assign(header, ranks, mask, 0, luma);
        Assert.All(luma.Region.AsSpan(0, 14 * 6).ToArray(), r => Assert.Equal(2, r));

        // Cell (24, 9) (pixels 96..99, 36..39) goes to the higher-ranked label 1: luma block (12, 4) holds it, and
        // so do blocks (13, 4), (12, 5), (13, 5), which lie beyond the image and take its last pixel; chroma block
        // (6, 2) holds it; every other block keeps label 2.
        mask[(9 * header.MaskWidth) + 24] = 1;
        BlockRegions.Assign(header, ranks, mask, 0, luma);
        BlockRegions.Assign(header, ranks, mask, 0, chroma);
        for (int i = 0; i < 14 * 6; i++)
        {
            Assert.Equal(i % 14 >= 12 && i / 14 >= 4 ? 1 : 2, luma.Region[i]);
        }

        for (int i = 0; i < 7 * 3; i++)
        {
            Assert.Equal(i == (2 * 7) + 6 ? 1 : 2, chroma.Region[i]);
        }
    }
}
