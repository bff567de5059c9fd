using RegionCodec.Alpha;
using RegionCodec.Container;
using RegionCodec.Entropy;
using RegionCodec.Memory;

namespace RegionCodec.ConformanceGenerator;

/// <summary>
/// The alpha plane's conformance files (spec/rsg.md §4.7, §9.4): valid files 32–37 with RGBA or gray +
/// alpha output, and invalid files that break the ALPH chunk's order (R6), length (R7) and payload (R14)
/// rules or end inside it (R2).
/// </summary>
internal static class AlphaFiles
{
    /// <param name="kodim23">Kodak 23 as RGB.</param>
    /// <param name="testData">tests/Codec.Tests/TestData, which holds the RGBA cut-outs (made by <c>bench alpha --test-data</c>).</param>
    public static void WriteValid(Photo kodim23, string testData)
    {
        Photo parrot = Photo.LoadRgba(Path.Combine(testData, "kodim23-cutout.png"));
        Photo portrait = Photo.LoadRgba(Path.Combine(testData, "kodim04-cutout.png"));
        Photo small = kodim23.Crop(300, 150, 64, 48);

        Program.Valid("32-rgba-opaque-alpha-stored", small.WithAlpha((_, _) => 255), new RsgEncoderOptions { Alpha = RsgAlphaMode.Keep }, null,
            "RGBA 4:2:0 64x48, every alpha 255 but stored (RsgAlphaMode.Keep): every alpha row is 'same as above'", revision2: true);
        Program.Valid("33-rgba-cutout-feathered", parrot, new RsgEncoderOptions { Quality = 80 }, null,
            "RGBA 4:2:0 256x256 photograph cut-out (GrabCut matte of Kodak 23, Gaussian-feathered edge), quality 80", revision2: true);
        Program.Valid("34-rgba-alpha-all-zero", small.WithAlpha((_, _) => 0), new RsgEncoderOptions(), null,
            "RGBA 4:2:0 64x48, every alpha 0 (colour still coded): the first row's residuals sit at the 0 end", revision2: true);
        Program.Valid("35-rgba-cutout-many-strips", portrait, new RsgEncoderOptions { Quality = 60, StripHeight = 16, Regions = [new(30), new(85)] },
            Masks.Ellipse(256, 256, 1), "RGBA 4:2:0 256x256 cut-out (Kodak 4), 16-row strips (16 ALPH chunks), 2 regions: alpha contexts restart per strip", revision2: true);
        Program.Valid("36-gray-alpha-cutout", portrait.Gray(), new RsgEncoderOptions { Quality = 70 }, null,
            "gray + alpha (GrayAlpha16) 256x256 cut-out (Kodak 4 in BT.601 luma)", revision2: true);
        Program.Valid("37-rgba444-gradient-100x70", kodim23.Crop(330, 140, 100, 70).WithAlpha(RadialAlpha(100, 70)),
            new RsgEncoderOptions { Subsampling = RsgChromaSubsampling.Yuv444 }, null,
            "RGBA 4:4:4 100x70 (partial MCUs; alpha covers only image pixels) with a soft radial alpha gradient", revision2: true);
    }

    public static void WriteInvalid(Photo kodim23)
    {
        Photo tiny = kodim23.Crop(300, 150, 32, 24).WithAlpha(RadialAlpha(32, 24));
        byte[] good = RsgEncoder.Encode(tiny.Pixels, tiny.Width, tiny.Height, tiny.Width * 4, RsgPixelFormat.Rgba32, new RsgEncoderOptions { StripHeight = 16 });
        List<Chunk> chunks = Chunk.Split(good);
        Require(chunks, ["RHDR", "RTAB", "STRP", "ALPH", "STRP", "ALPH", "REND"]);

        Program.Bad("alpha-missing", Chunk.Join([.. chunks[..3], .. chunks[4..]]), RsgError.ChunkOrder,
            "an image with alpha whose strip 0 has no ALPH chunk: STRP 1 comes where ALPH 0 belongs");
        Program.Bad("alpha-last-missing", Chunk.Join([.. chunks[..5], chunks[6]]), RsgError.ChunkOrder,
            "the last strip's ALPH chunk is missing: REND comes where it belongs");
        Program.Bad("alpha-without-flag", Chunk.Join(chunks.Select((c, i) => i == 0 ? c with { Data = [.. c.Data[..15], (byte)(c.Data[15] & ~1), c.Data[16]] } : c)),
            RsgError.ChunkOrder, "ALPH chunks in an image whose RHDR alpha flag is 0");
        Program.Bad("alpha-index-wrong", Chunk.Join(chunks.Select((c, i) => i == 3 ? c with { Data = [0, 0, 0, 1, .. c.Data[4..]] } : c)),
            RsgError.ChunkOrder, "the ALPH chunk after STRP 0 carries strip index 1");
        Program.Bad("alpha-before-strip", Chunk.Join([chunks[0], chunks[1], chunks[3], chunks[2], .. chunks[4..]]), RsgError.ChunkOrder,
            "ALPH 0 before STRP 0");
        Program.Bad("alpha-too-long", Program.RawLength(Chunk.Join(chunks), chunkIndex: 3, length: 0x7FFFFFFF), RsgError.BadChunkLength,
            "ALPH declaring 2 GiB, far above MaxAlphaLength(0) = 4 + 1024 + 4 x 32 x 16");
        Program.Bad("bad-alpha-sample", Chunk.Join(chunks.Select((c, i) => i == 3 ? c with { Data = [0, 0, 0, 0, .. OutOfRangePayload()] } : c)),
            RsgError.BadAlpha, "strip 0's alpha payload decodes pixel (1, 0) to 100 + 200 = 300");
        byte[] joined = Chunk.Join(chunks);
        Program.Bad("truncated-in-alpha", joined[..(joined.Length - 12 - 8)], RsgError.Truncated, "file cut inside the last ALPH chunk's CRC");
    }

    /// <summary>A soft vignette: opaque in the middle, fading to 0 at the corners.</summary>
    public static Func<int, int, byte> RadialAlpha(int width, int height) => (x, y) =>
    {
        double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0;
        double r = Math.Sqrt(((x - cx) * (x - cx)) + ((y - cy) * (y - cy))) / Math.Sqrt((cx * cx) + (cy * cy));
        double t = Math.Clamp((r - 0.3) / 0.7, 0, 1);
        return (byte)Math.Round(255 * (1 - (t * t * (3 - (2 * t)))));
    };

    /// <summary>
    /// An alpha payload, coded decision by decision as §9.4 reads it, whose second sample leaves 0..255:
    /// row 0 is coded (not "same"); pixel 0 predicts 255 (all neighbours are the opaque row) and has residual
    /// −155 (sign implied), so it is 100; pixel 1 then predicts 100 + 255 − 255 = 100 in bucket 8 and gets +200.
    /// </summary>
    private static byte[] OutOfRangePayload()
    {
        var ctx = new AlphaContexts();
        using var payload = new PooledBufferWriter();
        var coder = new RangeEncoder(payload);
        const int bits = AlphaContexts.MagnitudeBits;
        coder.Code(ref ctx.RowSame[0], 0);
        coder.Code(ref ctx.Zero[0], 0);
        BinarizedValue.CodeMagnitude(ref coder, ctx.Length.AsSpan(0, bits), ctx.Mantissa.AsSpan(0, 2 * bits), bits, 155);
        int bucket = 8, left = 2, set = (bucket * 2) + 1;
        coder.Code(ref ctx.Zero[(bucket * 3) + left], 0);
        coder.Code(ref ctx.Sign[(((bucket * 3) + left) * 3) + 1], 0);
        BinarizedValue.CodeMagnitude(ref coder, ctx.Length.AsSpan(set * bits, bits), ctx.Mantissa.AsSpan(set * 2 * bits, 2 * bits), bits, 200);
        coder.Finish();
        return payload.WrittenSpan.ToArray();
    }

    private static void Require(List<Chunk> chunks, string[] types)
    {
        string[] actual = [.. chunks.Select(c => ChunkType.ToText(c.Type))];
        if (!actual.SequenceEqual(types))
        {
            throw new InvalidOperationException($"expected chunks {string.Join(' ', types)}, got {string.Join(' ', actual)}");
        }
    }
}
