using System.Buffers.Binary;

namespace RegionCodec.Tests;

// Container framing: the signature, truncation, chunk CRCs and chunk types.
public partial class MalformedInputTests
{
    public static TheoryData<string> NotRsg => new() { "png", "empty", "gif", "text", "one byte off", "newline converted", "leading byte", "just 0x89" };

    [Theory]
    [MemberData(nameof(NotRsg))]
    public void WrongSignatureIsBadSignature(string kind)
    {
        byte[] file = kind switch
        {
            "png" => System.IO.File.ReadAllBytes(TestImages.DataPath("camera.png")),
            "empty" => [],
            "gif" => System.Text.Encoding.ASCII.GetBytes("GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
            "text" => System.Text.Encoding.ASCII.GetBytes("this is not an image, it is a sentence long enough to hold chunks"),
            "one byte off" => [.. Small[..3], (byte)'H', .. Small[4..]],
            "newline converted" => [.. Small[..4], .. Small[5..]], // CR LF -> LF
            "leading byte" => [0, .. Small],
            "just 0x89" => [0x89, 0x00],
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        AssertRejected(file, RsgError.BadSignature, DecodePaths.All, at: (0, 0));
        AssertRejectedByIdentify(file, RsgError.BadSignature);
    }

    [Fact]
    public void EveryBytePositionOfTheSignatureIsChecked()
    {
        for (int i = 0; i < 8; i++)
        {
            byte[] file = (byte[])Small.Clone();
            file[i] ^= 0x20;
            AssertRejected(file, RsgError.BadSignature, DecodePaths.Fast, at: (0, 0));
        }
    }

    // ---------------------------------------------------------------- truncation

    [Fact]
    public void TruncationAtEveryOffsetIsTruncated()
    {
        byte[] file = Small;
        for (int length = 1; length < file.Length; length++)
        {
            AssertRejected(file[..length], RsgError.Truncated, DecodePaths.Fast);
        }

        // The empty prefix cannot be checked against the signature.
        foreach ((string name, var decode) in DecodePaths.Fast)
        {
            RsgFormatException e = Assert.Throws<RsgFormatException>(() => decode([], null));
            Assert.True(e.Error is RsgError.Truncated or RsgError.BadSignature, $"{name}: {e.Error}");
            Assert.Equal(0, e.Offset);
        }
    }

    [Fact]
    public void TruncationAtEveryOffsetIsTruncatedForTheFedPipeAndDecodeInto()
    {
        byte[] file = SmallGray;
        var paths = DecodePaths.All.Where(p => p.Name.Contains("fed") || p.Name.Contains("Into")).ToArray();
        Assert.Equal(2, paths.Length);
        for (int length = 1; length < file.Length; length++)
        {
            AssertRejected(file[..length], RsgError.Truncated, paths);
        }
    }

    [Fact]
    public void MissingRendIsTruncated()
    {
        List<EditableChunk> chunks = RsgContainer.Parse(Small);
        byte[] file = RsgContainer.Build(chunks.Take(chunks.Count - 1));
        AssertRejected(file, RsgError.Truncated, DecodePaths.All, at: (file.Length, file.Length));
    }

    // ---------------------------------------------------------------- CRC

    [Fact]
    public void FlippingADataByteOfAnyChunkIsBadCrc()
    {
        List<EditableChunk> chunks = RsgContainer.Parse(Small);
        for (int i = 0; i < chunks.Count; i++)
        {
            EditableChunk chunk = chunks[i];
            byte[] file = (byte[])Small.Clone();

            // REND has no data: flip a CRC byte instead.
            int position = chunk.Data.Length == 0 ? (int)chunk.Offset + 8 : (int)chunk.Offset + 8 + (chunk.Data.Length / 2);
            file[position] ^= 0x10;
            AssertRejected(file, RsgError.BadCrc, DecodePaths.All, at: (chunk.Offset, chunk.Offset + chunk.Size - 1));
        }
    }

    [Fact]
    public void FlippingACrcByteOfAnyChunkIsBadCrc()
    {
        foreach (EditableChunk chunk in RsgContainer.Parse(SmallGray))
        {
            for (int k = 0; k < 4; k++)
            {
                byte[] file = (byte[])SmallGray.Clone();
                file[chunk.Offset + chunk.Size - 4 + k] ^= 0x01;
                AssertRejected(file, RsgError.BadCrc, DecodePaths.Fast, at: (chunk.Offset, chunk.Offset + chunk.Size - 1));
            }
        }
    }

    // ---------------------------------------------------------------- chunk types

    [Theory]
    [InlineData(1, 2, (byte)'4')]
    [InlineData(1, 0, (byte)'@')]
    [InlineData(1, 3, (byte)'[')]
    [InlineData(2, 1, (byte)0x00)]
    [InlineData(3, 3, (byte)0xD4)]
    [InlineData(5, 0, (byte)' ')]
    [InlineData(0, 3, (byte)'`')]
    public void NonLetterInAChunkTypeIsBadChunkType(int chunkIndex, int typeByte, byte value)
    {
        byte[] file = RsgContainer.Rewrite(Small, chunks =>
        {
            EditableChunk c = chunks[chunkIndex];
            c.Type[typeByte] = value;
            c.Recrc();
        });
        long offset = RsgContainer.Chunks(Small)[chunkIndex].Offset;
        AssertRejected(file, RsgError.BadChunkType, DecodePaths.All, at: (offset, offset + 7));
    }

    [Theory]
    [InlineData("RXYZ", 2)]
    [InlineData("ALPX", 3)]
    [InlineData("QQQQ", 5)]
    [InlineData("Strp", 4)]
    public void UnknownCriticalChunkIsRejected(string type, int insertAt)
    {
        byte[] file = RsgContainer.Rewrite(Small, chunks => chunks.Insert(insertAt, new EditableChunk(type, [1, 2, 3, 4, 5])));
        EditableChunk inserted = RsgContainer.Parse(file)[insertAt];
        Assert.True(inserted.CrcIsValid);
        AssertRejected(file, RsgError.UnknownCriticalChunk, DecodePaths.All, at: (inserted.Offset, inserted.Offset + inserted.Size - 1));
    }

    [Fact]
    public void OversizedAncillaryChunkIsRejectedFromItsHeadAlone()
    {
        // Declares one byte more than an ancillary chunk may hold, and brings almost none of it.
        int end = RsgContainer.EndOfRegionTable(Small);
        byte[] head = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(head, RsgConstants.MaxAncillaryChunkLength + 1u);
        "tEXt"u8.CopyTo(head.AsSpan(4));
        byte[] file = [.. Small.AsSpan(0, end), .. head, .. new byte[16]];
        AssertRejected(file, RsgError.BadChunkLength, DecodePaths.All, at: (end, end + 7));
    }

    [Fact]
    public void AncillaryChunkBeforeTheHeaderIsChunkOrder()
    {
        byte[] file = RsgContainer.Rewrite(Small, chunks => chunks.Insert(0, new EditableChunk("tEXt", "Comment\0hi"u8.ToArray())));
        AssertRejected(file, RsgError.ChunkOrder, DecodePaths.All, at: (8, 8 + 7));
    }
}
