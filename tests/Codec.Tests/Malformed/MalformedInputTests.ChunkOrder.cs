using System.Buffers.Binary;

namespace RegionCodec.Tests;

// Chunk order, strip numbering and chunk data lengths, and a strip declaring more than its bound.
public partial class MalformedInputTests
{
    public static TheoryData<string> OrderMutations => new()
    {
        "strips swapped", "strip 0 twice", "strip 1 missing", "last strip missing", "REND early", "REND first after RTAB",
        "STRP before RTAB", "RTAB missing", "RTAB twice", "RHDR twice", "RTAB first", "strip index renumbered",
    };

    [Theory]
    [MemberData(nameof(OrderMutations))]
    public void ChunksOutOfOrderAreChunkOrder(string mutation)
    {
        List<EditableChunk> original = RsgContainer.Parse(Small);
        EditableChunk hdr = original[0], tab = original[1], s0 = original[2], s1 = original[3], s2 = original[4], end = original[5];
        List<EditableChunk> chunks = mutation switch
        {
            "strips swapped" => [hdr, tab, s1, s0, s2, end],
            "strip 0 twice" => [hdr, tab, s0, s0, s1, s2, end],
            "strip 1 missing" => [hdr, tab, s0, s2, end],
            "last strip missing" => [hdr, tab, s0, s1, end],
            "REND early" => [hdr, tab, s0, end, s1, s2, end],
            "REND first after RTAB" => [hdr, tab, end],
            "STRP before RTAB" => [hdr, s0, tab, s1, s2, end],
            "RTAB missing" => [hdr, s0, s1, s2, end],
            "RTAB twice" => [hdr, tab, tab, s0, s1, s2, end],
            "RHDR twice" => [hdr, hdr, tab, s0, s1, s2, end],
            "RTAB first" => [tab, hdr, s0, s1, s2, end],
            "strip index renumbered" => [hdr, tab, s0, Renumber(s1, 7), s2, end],
            _ => throw new ArgumentOutOfRangeException(nameof(mutation)),
        };

        byte[] file = RsgContainer.Build(chunks);
        AssertRejected(file, RsgError.ChunkOrder, DecodePaths.All);
    }

    [Fact]
    public void ExtraStripAfterTheLastOneIsRejected()
    {
        // A fourth strip in a three-strip image. The decoder bounds a surplus strip's length before
        // buffering it, so this may surface as the length rule; either way it must not be decoded.
        List<EditableChunk> c = RsgContainer.Parse(Small);
        byte[] file = RsgContainer.Build([c[0], c[1], c[2], c[3], c[4], Renumber(c[4], 3), c[5]]);
        RsgFormatException e = AssertRejected(file, null, DecodePaths.All);
        Assert.True(e.Error is RsgError.ChunkOrder or RsgError.BadChunkLength, $"{e.Error}: {e.Message}");

        // Same with only the 4-byte index: then the length is fine and only the order is wrong.
        byte[] bare = RsgContainer.Build([c[0], c[1], c[2], c[3], c[4], new EditableChunk("STRP", RsgContainer.StripData(3, [])), c[5]]);
        AssertRejected(bare, RsgError.ChunkOrder, DecodePaths.All);
    }

    [Theory]
    [InlineData("STRP", 0)]
    [InlineData("STRP", 3)]
    [InlineData("REND", 1)]
    public void ChunkDataTooShortOrTooLongIsBadChunkLength(string type, int length)
    {
        byte[] file = RsgContainer.Rewrite(Small, chunks =>
        {
            int i = chunks.FindIndex(ch => ch.TypeText == type);
            chunks[i] = chunks[i].WithData(chunks[i].Data.Length >= length ? chunks[i].Data[..length] : new byte[length]);
        });
        AssertRejected(file, RsgError.BadChunkLength, DecodePaths.All);
    }

    [Fact]
    public void StripDeclaringMoreThanItsBoundIsRejectedBeforeBuffering()
    {
        // 40x40 4:2:0: a strip chunk can never need megabytes. Only the head arrives.
        int end = RsgContainer.EndOfRegionTable(Small);
        byte[] head = new byte[12];
        BinaryPrimitives.WriteUInt32BigEndian(head, 100_000_000);
        "STRP"u8.CopyTo(head.AsSpan(4));
        byte[] file = [.. Small.AsSpan(0, end), .. head];
        AssertRejected(file, RsgError.BadChunkLength, DecodePaths.All, at: (end, end + 7));
    }
}
