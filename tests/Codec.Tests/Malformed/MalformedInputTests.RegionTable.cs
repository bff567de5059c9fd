namespace RegionCodec.Tests;

// RTAB: region table entries out of range and a table of the wrong length.
public partial class MalformedInputTests
{
    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(0, 0, 101)]
    [InlineData(1, 0, 255)]
    [InlineData(0, 1, 3)]
    [InlineData(1, 1, 3)]
    [InlineData(1, 1, 255)]
    public void RegionTableEntryOutOfRangeIsBadRegionTable(int entry, int field, byte value)
    {
        byte[] file = RsgContainer.RewriteRegionTable(Small, d => d[(2 * entry) + field] = value);
        RsgChunk table = RsgContainer.Chunks(file)[1];
        AssertRejected(file, RsgError.BadRegionTable, DecodePaths.All, at: (table.Offset, table.End - 1));
        AssertRejectedByIdentify(file, RsgError.BadRegionTable);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    [InlineData(0)]
    [InlineData(3)]
    public void RegionTableOfTheWrongLengthIsBadChunkLength(int length)
    {
        byte[] file = RsgContainer.Rewrite(Small, chunks =>
        {
            byte[] data = new byte[length];
            data.AsSpan().Fill(50);
            chunks[1] = chunks[1].WithData(data);
        });
        AssertRejected(file, RsgError.BadChunkLength, DecodePaths.All, at: (37, 37 + 12 + length - 1));
    }
}
