using System.Buffers.Binary;

namespace RegionCodec.Tests;

// RHDR: header fields out of range and a header of the wrong length.
public partial class MalformedInputTests
{
    public static TheoryData<string, RsgError> HeaderMutations => new()
    {
        { "version 0", RsgError.BadHeader },
        { "version 1 (never released)", RsgError.BadHeader },
        { "version 3", RsgError.BadHeader },
        { "width 0", RsgError.BadHeader },
        { "height 0", RsgError.BadHeader },
        { "width 2^24", RsgError.BadHeader },
        { "height 2^32-1", RsgError.BadHeader },
        { "colour model 0", RsgError.BadHeader },
        { "colour model 2", RsgError.BadHeader },
        { "colour model 4", RsgError.BadHeader },
        { "subsampling 2", RsgError.BadHeader },
        { "subsampling 1 with gray", RsgError.BadHeader },
        { "mask cell log2 4", RsgError.BadHeader },
        { "mask cell log2 255", RsgError.BadHeader },
        { "strip rows 0", RsgError.BadHeader },
        { "region count 0", RsgError.BadHeader },
        { "reserved flag 0x04", RsgError.BadHeader },
        { "reserved flag 0x80", RsgError.BadHeader },
        { "reserved and alpha flags 0x05", RsgError.BadHeader },
        { "table set 2", RsgError.BadHeader },
        { "table set 255", RsgError.BadHeader },
    };

    [Theory]
    [MemberData(nameof(HeaderMutations))]
    public void HeaderFieldOutOfRangeIsRejected(string mutation, RsgError expected)
    {
        byte[] file = RsgContainer.RewriteHeader(Small, d =>
        {
            switch (mutation)
            {
                case "version 0": d[0] = 0; break;
                case "version 1 (never released)": d[0] = 1; break;
                case "version 3": d[0] = 3; break;
                case "width 0": BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(1), 0); break;
                case "height 0": BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(5), 0); break;
                case "width 2^24": BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(1), 1u << 24); break;
                case "height 2^32-1": BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(5), uint.MaxValue); break;
                case "colour model 0": d[9] = 0; break;
                case "colour model 2": d[9] = 2; break;
                case "colour model 4": d[9] = 4; break;
                case "subsampling 2": d[10] = 2; break;
                case "subsampling 1 with gray": Assert.Equal(1, d[10]); d[9] = 1; break;
                case "mask cell log2 4": d[11] = 4; break;
                case "mask cell log2 255": d[11] = 255; break;
                case "strip rows 0": d[12] = 0; d[13] = 0; break;
                case "region count 0": d[14] = 0; break;
                case "reserved flag 0x04": d[15] = 0x04; break;
                case "reserved flag 0x80": d[15] = 0x80; break;
                case "reserved and alpha flags 0x05": d[15] = 0x05; break;
                case "table set 2": d[16] = 2; break;
                case "table set 255": d[16] = 255; break;
                default: throw new ArgumentOutOfRangeException(nameof(mutation));
            }
        });

        // RHDR occupies bytes 8..36 (length, type, 17 data bytes, CRC).
        AssertRejected(file, expected, DecodePaths.All, at: (8, 8 + 12 + 17 - 1));
        AssertRejectedByIdentify(file, expected);
    }

    [Fact]
    public void HeaderForGrayWithSubsamplingIsRejectedInAGrayFileToo()
    {
        byte[] file = RsgContainer.RewriteHeader(SmallGray, d =>
        {
            Assert.Equal(1, d[9]);
            d[10] = 1;
        });
        AssertRejected(file, RsgError.BadHeader, DecodePaths.All, at: (8, 36));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(18)]
    [InlineData(0)]
    public void HeaderOfTheWrongLengthIsBadChunkLength(int length)
    {
        byte[] file = RsgContainer.Rewrite(Small, chunks =>
        {
            byte[] data = new byte[length];
            chunks[0].Data.AsSpan(0, Math.Min(length, 17)).CopyTo(data);
            chunks[0] = chunks[0].WithData(data);
        });
        AssertRejected(file, RsgError.BadChunkLength, DecodePaths.All, at: (8, 8 + 12 + length - 1));
    }
}
