using System.Buffers.Binary;

namespace RegionCodec.Tests;

// The ALPH chunk (spec/rsg.md §3.3, §4.7, §9.4): its place after its STRP (R6), its length (R7), its CRC (R3),
// its payload (R14) and a file cut inside it (R2), on every decode path.
public partial class MalformedInputTests
{
    /// <summary>
    /// 40x40 RGBA 4:2:0 crop of the feathered parrot cut-out, 16-row strips: 3 strips, each with its ALPH; two
    /// regions, label 1 only in the last strip (rows 32..39).
    /// </summary>
    private static readonly Lazy<byte[]> LazySmallAlpha = new(() => TestImages.ParrotCutout.Crop(60, 100, 40, 40).Encode(
        new RsgEncoderOptions { Regions = [new(60), new(90)], StripHeight = 16 },
        RegionQualityTests.RectLabels(40, 40, 4, new(8, 32, 32, 40))));

    internal static byte[] SmallAlpha => LazySmallAlpha.Value;

    [Fact]
    public void TheSmallAlphaFileIsValidWithAnAlphChunkAfterEveryStrip()
    {
        List<EditableChunk> chunks = RsgContainer.Parse(SmallAlpha);
        Assert.Equal(["RHDR", "RTAB", "STRP", "ALPH", "STRP", "ALPH", "STRP", "ALPH", "REND"], chunks.Select(c => c.TypeText));
        Assert.Equal([0, 0, 1, 1, 2, 2], chunks.Skip(2).Take(6).Select(c => c.StripIndex));
        foreach ((string name, var decode) in DecodePaths.All)
        {
            Assert.True(decode(SmallAlpha, null).HasAlpha, name);
        }
    }

    public static TheoryData<string, int> AlphaOrderMutations => new()
    {
        // mutation, index (into the mutated chunk list) of the chunk whose head the error points at
        { "ALPH 0 missing", 3 },
        { "last ALPH missing", 7 },
        { "ALPH before its STRP", 2 },
        { "ALPH twice", 4 },
        { "ALPH before RTAB", 1 },
        { "alpha flag cleared", 3 },
    };

    [Theory]
    [MemberData(nameof(AlphaOrderMutations))]
    public void AlphaChunkOutOfPlaceIsChunkOrder(string mutation, int culprit)
    {
        List<EditableChunk> c = RsgContainer.Parse(SmallAlpha);
        EditableChunk hdr = c[0], tab = c[1], s0 = c[2], a0 = c[3], s1 = c[4], a1 = c[5], s2 = c[6], a2 = c[7], end = c[8];
        List<EditableChunk> chunks = mutation switch
        {
            "ALPH 0 missing" => [hdr, tab, s0, s1, a1, s2, a2, end],
            "last ALPH missing" => [hdr, tab, s0, a0, s1, a1, s2, end],
            "ALPH before its STRP" => [hdr, tab, a0, s0, s1, a1, s2, a2, end],
            "ALPH twice" => [hdr, tab, s0, a0, a0, s1, a1, s2, a2, end],
            "ALPH before RTAB" => [hdr, a0, tab, s0, a0, s1, a1, s2, a2, end],
            "alpha flag cleared" => [WithFlags(hdr, hdr.Data[15] & ~1), tab, s0, a0, s1, a1, s2, a2, end],
            _ => throw new ArgumentOutOfRangeException(nameof(mutation)),
        };

        byte[] file = RsgContainer.Build(chunks);
        long head = Offsets(chunks)[culprit];
        AssertRejected(file, RsgError.ChunkOrder, DecodePaths.All, at: (head, head));
    }

    [Fact]
    public void AncillaryChunksBetweenAStripAndItsAlphaAreSkipped()
    {
        List<EditableChunk> c = RsgContainer.Parse(SmallAlpha);
        c.Insert(3, new EditableChunk("tEXt", "Comment\0between STRP 0 and ALPH 0"u8.ToArray()));
        c.Insert(6, new EditableChunk("zzZz", [1, 2, 3]));
        byte[] file = RsgContainer.Build(c);
        byte[] expected = DecodePaths.Memory(SmallAlpha).Pixels;
        foreach ((string name, var decode) in DecodePaths.All)
        {
            Assert.True(decode(file, null).HasAlpha, name);
        }

        Assert.Equal(expected, DecodePaths.Memory(file).Pixels);
        Assert.Equal(expected, DecodePaths.Stream(file, maxRead: 3).Pixels);
    }

    [Fact]
    public void AlphaChunkWithAnotherStripsIndexIsChunkOrderAtTheIndex()
    {
        List<EditableChunk> c = RsgContainer.Parse(SmallAlpha);
        c[5] = Renumber(c[5], 2); // the ALPH after STRP 1 claims strip 2
        byte[] file = RsgContainer.Build(c);
        long index = Offsets(c)[5] + 8;
        AssertRejected(file, RsgError.ChunkOrder, DecodePaths.All, at: (index, index));
    }

    [Fact]
    public void AlphaFlagWithoutAlphChunksIsChunkOrderAtTheNextStrip()
    {
        // The alpha flag alone (a version 1 file with bit 0 set): STRP 1 comes where ALPH 0 must be.
        List<EditableChunk> c = RsgContainer.Parse(Small);
        c[0] = WithFlags(c[0], c[0].Data[15] | 1);
        byte[] file = RsgContainer.Build(c);
        long strip1 = Offsets(c)[3];
        AssertRejected(file, RsgError.ChunkOrder, DecodePaths.All, at: (strip1, strip1));
        Assert.True(RsgDecoder.Identify(file).HasAlpha, "identify reads only the header, which is valid");
    }

    [Fact]
    public void AlphaChunkLongerThanItsBoundIsBadChunkLengthAndTheBoundItselfIsAccepted()
    {
        // Strip 0: 40 pixels x 16 rows; MaxAlphaLength(0) = 4 + 1024 + 4 x 40 x 16 = 3588.
        const int max = 4 + 1024 + (4 * 40 * 16);
        List<EditableChunk> c = RsgContainer.Parse(SmallAlpha);

        // At the bound: an all-zero payload decodes (every decision 1: "same as the row above", so opaque).
        c[3] = c[3].WithData(RsgContainer.StripData(0, new byte[max - 4]));
        RsgImage image = DecodePaths.Memory(RsgContainer.Build(c));
        for (int i = 3; i < 40 * 16 * 4; i += 4)
        {
            Assert.Equal(255, image.Pixels[i]);
        }

        c[3] = c[3].WithData(RsgContainer.StripData(0, new byte[max - 3]));
        byte[] file = RsgContainer.Build(c);
        long head = Offsets(c)[3];
        AssertRejected(file, RsgError.BadChunkLength, DecodePaths.All, at: (head, head));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void AlphaChunkShorterThanItsIndexIsBadChunkLength(int length)
    {
        List<EditableChunk> c = RsgContainer.Parse(SmallAlpha);
        c[3] = c[3].WithData(new byte[length]);
        AssertRejected(RsgContainer.Build(c), RsgError.BadChunkLength, DecodePaths.All);
    }

    [Fact]
    public void AlphaChunkWithABadCrcIsBadCrc()
    {
        List<EditableChunk> c = RsgContainer.Parse(SmallAlpha);
        c[5].Data[^1] ^= 0x10;
        AssertRejected(RsgContainer.Build(c), RsgError.BadCrc, DecodePaths.All);
    }

    [Fact]
    public void FileCutInsideAnAlphChunkIsTruncated()
    {
        long a1 = RsgContainer.Chunks(SmallAlpha)[5].Offset;
        foreach (long cut in new[] { a1 + 4, a1 + 10, a1 + 20 })
        {
            AssertRejected(SmallAlpha[..(int)cut], RsgError.Truncated, DecodePaths.All, at: (cut, cut));
        }
    }

    [Fact]
    public void AlphaSampleOutsideTheByteRangeIsBadAlphaInsideThePayload()
    {
        byte[] file = File.ReadAllBytes(Path.Combine(TestImages.ConformanceFolder, "invalid", "R14-bad-alpha-sample.rsg"));
        EditableChunk alpha = RsgContainer.Parse(file)[3];
        Assert.Equal("ALPH", alpha.TypeText);
        long payload = alpha.Offset + 12;
        AssertRejected(file, RsgError.BadAlpha, DecodePaths.All, at: (payload, payload + alpha.Data.Length - 4));

        // The same payload after a gray image's strip: the rule does not depend on the colour model.
        List<EditableChunk> gray = RsgContainer.Parse(SmallGray);
        gray[0] = WithFlags(gray[0], gray[0].Data[15] | 1);
        gray.Insert(3, alpha);
        gray.Insert(5, new EditableChunk("ALPH", RsgContainer.StripData(1, [])));
        gray.Insert(7, new EditableChunk("ALPH", RsgContainer.StripData(2, [])));
        AssertRejected(RsgContainer.Build(gray), RsgError.BadAlpha, DecodePaths.All);
    }

    [Fact]
    public void PayloadErrorsAreReportedInFileOrderOnEveryPath()
    {
        // With the region table cut to one entry, strip 2's mask (label 1) breaks R11.
        byte[] oneRegion = RsgContainer.Rewrite(SmallAlpha, c =>
        {
            c[0].Data[14] = 1;
            c[0].Recrc();
            c[1] = c[1].WithData(c[1].Data[..2]);
        });
        RsgChunk strip2Chunk = RsgContainer.Chunks(oneRegion)[6];
        long strip2 = strip2Chunk.Offset;
        AssertRejected(oneRegion, RsgError.BadMask, DecodePaths.All, at: (strip2, strip2Chunk.End));

        // Add a corrupt alpha payload in strip 0 (R14): every path reports R14, the first in file order,
        // including the parallel one that decodes strip 2 at the same time (§11.2).
        byte[] bad = File.ReadAllBytes(Path.Combine(TestImages.ConformanceFolder, "invalid", "R14-bad-alpha-sample.rsg"));
        byte[] badPayload = RsgContainer.Parse(bad)[3].Data[4..];
        byte[] both = RsgContainer.Rewrite(oneRegion, c => c[3] = c[3].WithData(RsgContainer.StripData(0, badPayload)));
        long alpha0 = RsgContainer.Chunks(both)[3].Offset;
        AssertRejected(both, RsgError.BadAlpha, DecodePaths.All, at: (alpha0, strip2));
    }

    private static EditableChunk WithFlags(EditableChunk header, int flags)
    {
        byte[] data = (byte[])header.Data.Clone();
        data[15] = (byte)flags;
        return header.WithData(data);
    }

    /// <summary>File offset of each chunk's head when <paramref name="chunks"/> are written in order after the signature.</summary>
    private static long[] Offsets(List<EditableChunk> chunks)
    {
        long[] offsets = new long[chunks.Count];
        long at = 8;
        for (int i = 0; i < chunks.Count; i++)
        {
            offsets[i] = at;
            at += chunks[i].Size;
        }

        return offsets;
    }
}
