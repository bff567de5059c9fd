using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;
using RegionCodec;
using RegionCodec.Container;
using RegionCodec.Entropy;
using RegionCodec.Memory;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using RegionCodec.Coefficients;
using RegionCodec.Mask;

namespace RegionCodec.ConformanceGenerator;

/// <summary>
/// Regenerates spec/conformance: the valid files with their expected PNGs and hashes, the invalid
/// files named after the rule they break, and manifest.txt. Usage (from the repository root):
///   dotnet run --project tools/Codec.ConformanceGenerator -- [IMAGES_DIR] [OUT_DIR]
/// IMAGES_DIR defaults to ../shared/images (Kodak and scikit-image photographs).
/// With --trace FILE it prints the binary decisions of a one-block gray file (the spec's worked example).
/// </summary>
internal static class Program
{
    private static readonly List<string> Manifest = [];
    private static string _images = "";
    private static string _out = "";

    public static int Main(string[] args)
    {
        if (args is ["--trace", string traced])
        {
            Console.Write(DecisionTrace.Describe(File.ReadAllBytes(traced)));
            return 0;
        }

        _images = args.Length > 0 ? args[0] : "../shared/images";
        _out = args.Length > 1 ? args[1] : "spec/conformance";
        Directory.CreateDirectory(Path.Combine(_out, "valid"));
        Directory.CreateDirectory(Path.Combine(_out, "invalid"));
        Directory.CreateDirectory(Path.Combine(_out, "expected"));

        Photo kodim23 = Photo.Load(Path.Combine(_images, "kodak/kodim23.png"));
        Photo kodim05 = Photo.Load(Path.Combine(_images, "kodak/kodim05.png"));
        Photo astronaut = Photo.Load(Path.Combine(_images, "skimage/astronaut.png"));
        Photo camera = Photo.Load(Path.Combine(_images, "skimage/camera.png"));
        Photo tall = Photo.Load(Path.Combine(_images, "kodak/kodim04.png"));
        Photo mosaic = Photo.Mosaic(3, 3, [.. new[] { "01", "02", "03", "05", "06", "07", "08", "11", "12" }.Select(n => Photo.Load(Path.Combine(_images, $"kodak/kodim{n}.png")))]);

        var q75 = new RsgEncoderOptions { Quality = 75 };
        Valid("01-gray-1x1", camera.Crop(200, 200, 1, 1).Gray(), q75, null, "gray, 1x1");
        Valid("02-rgb444-1x1", kodim23.Crop(300, 200, 1, 1), new RsgEncoderOptions { Subsampling = RsgChromaSubsampling.Yuv444 }, null, "RGB 4:4:4, 1x1");
        Valid("03-rgb420-1x1", kodim23.Crop(300, 200, 1, 1), q75, null, "RGB 4:2:0, 1x1 (one chroma sample)");
        Valid("04-rgb420-7x5", kodim23.Crop(380, 180, 7, 5), q75, null, "RGB 4:2:0, 7x5: partial MCU, odd sizes");
        Valid("05-gray-7x5", camera.Crop(250, 100, 7, 5).Gray(), new RsgEncoderOptions { Quality = 50 }, null, "gray, 7x5, quality 50");
        Photo small = kodim23.Crop(372, 170, 17, 13);
        Valid("06-rgb420-17x13-pixelmask", small, new RsgEncoderOptions { Regions = [new(30), new(90)] },
            Masks.Ellipse(17, 13, 1), "RGB 4:2:0, 17x13, per-pixel mask, 2 regions (q30, q90)");
        Valid("07-rgb444-17x13", small, new RsgEncoderOptions { Quality = 30, Subsampling = RsgChromaSubsampling.Yuv444 }, null, "RGB 4:4:4, 17x13, quality 30");
        Valid("08-rgb420-1x2000", Photo.Column(mosaic, 1000, 2000), q75, null, "RGB 4:2:0, 1x2000 (a photograph row stood on end)");
        Valid("09-gray-2000x1", Photo.Row(mosaic, 700, 2000).Gray(), q75, null, "gray, 2000x1");
        Valid("10-rgb420-2000x1", Photo.Row(mosaic, 701, 2000), q75, null, "RGB 4:2:0, 2000x1");
        Photo face = astronaut.Crop(128, 0, 256, 256);
        Valid("11-rgb420-fg-bg-pixelmask", face, new RsgEncoderOptions { Regions = [new(20), new(90)] }, Masks.Ellipse(256, 256, 1),
            "RGB 4:2:0, 256x256 photo, per-pixel elliptical foreground q90 over background q20");
        Valid("12-rgb420-blockmask-3regions", face, new RsgEncoderOptions { Regions = [new(25), new(60), new(95)] }, Masks.Bands(256, 256, 8, 3),
            "RGB 4:2:0, per-block (8x8) mask, 3 regions (q25, q60, q95)");
        Valid("13-rgb444-cell2", face, new RsgEncoderOptions { Subsampling = RsgChromaSubsampling.Yuv444, Regions = [new(40), new(80)] }, Masks.Ellipse(256, 256, 2),
            "RGB 4:4:4, mask cells of 2x2 pixels");
        Valid("14-gray-cell4", camera.Crop(128, 64, 256, 256).Gray(), new RsgEncoderOptions { Regions = [new(35), new(85)] }, Masks.Ellipse(256, 256, 4),
            "gray, mask cells of 4x4 pixels");
        Valid("15-rgb420-quality1", face, new RsgEncoderOptions { Quality = 1 }, null, "RGB 4:2:0, quality 1 (every step 255)");
        Valid("16-rgb444-quality100", face.Crop(64, 64, 96, 96), new RsgEncoderOptions { Quality = 100, Subsampling = RsgChromaSubsampling.Yuv444 }, null,
            "RGB 4:4:4, quality 100 (every step 1)");
        Valid("17-rgb420-dconly-background", face, new RsgEncoderOptions { Regions = [new(50, RsgRegionMode.DcOnly), new(85)] }, Masks.Ellipse(256, 256, 1),
            "RGB 4:2:0, DC-only background, DCT foreground q85");
        Valid("18-gray-all-dconly", camera.Crop(0, 0, 128, 128).Gray(), new RsgEncoderOptions { Regions = [new(70, RsgRegionMode.DcOnly)] }, null,
            "gray, one DC-only region: flat 8x8 blocks");
        Valid("19-rgb420-255regions", face, new RsgEncoderOptions { Regions = [.. Enumerable.Range(0, 255).Select(i => new RsgRegion(1 + ((i * 37) % 100), i % 17 == 16 ? RsgRegionMode.DcOnly : RsgRegionMode.Dct))] },
            Masks.AllLabels(256, 256), "RGB 4:2:0, 255 regions (every label used, mixed qualities, some DC-only), per-pixel mask");
        Valid("20-rgb420-many-strips", kodim05.Crop(100, 100, 200, 150), new RsgEncoderOptions { StripHeight = 16, Regions = [new(40), new(80)] }, Masks.Ellipse(200, 150, 1),
            "RGB 4:2:0, 16-row strips (10 strips), mask and contexts restart per strip");
        Valid("21-gray-512x512-photo", camera.Gray(), new RsgEncoderOptions { Quality = 80 }, null, "gray 512x512 photograph (scikit-image camera), quality 80");
        Valid("22-rgb420-portrait", tall, new RsgEncoderOptions { Quality = 60 }, null, "RGB 4:2:0 512x768 photograph (Kodak 4), quality 60");
        Valid("23-rgb420-3.5mp-photo", mosaic, new RsgEncoderOptions { Quality = 40, StripHeight = 256 }, null,
            "RGB 4:2:0 2304x1536 (3.5 MP) mosaic of nine Kodak photographs, quality 40, 256-row strips");
        byte[] withText = Valid("24-rgb420-ancillary", kodim23.Crop(300, 150, 64, 48), q75, null,
            "RGB 4:2:0 with a tEXt chunk and an unknown ancillary chunk 'zzZz' before RTAB: a decoder must skip both", write: false);
        withText = InsertChunk(withText, ChunkType.RegionTable, ChunkType.Text, System.Text.Encoding.UTF8.GetBytes("Comment\0conformance file 24"));
        withText = InsertChunk(withText, ChunkType.RegionTable, Type("zzZz"), [1, 2, 3, 4, 5]);
        WriteValid("24-rgb420-ancillary", withText, "RGB 4:2:0 with a tEXt chunk and an unknown ancillary chunk 'zzZz' before RTAB: a decoder must skip both");

        // Revision 2 of version 1 (spec §15): the tilted tables (§7.1) and the deblocking filter (§10.5).
        var tilted = new RsgEncoderOptions { Quality = 50, QuantizationTables = RsgQuantizationTables.Tilted, Deblocking = false };
        Valid("25-rgb420-tilted-tables", face, tilted, null, "RGB 4:2:0, quant_table_set 1 (tilted), quality 50, no deblocking", revision2: true);
        Valid("26-gray-deblock", camera.Crop(128, 64, 256, 256).Gray(), new RsgEncoderOptions { Quality = 20, QuantizationTables = RsgQuantizationTables.JpegAnnexK },
            null, "gray, Annex K tables at quality 20, deblocking filter on", revision2: true);
        Valid("27-rgb420-deblock-regions", face, new RsgEncoderOptions { Regions = [new(8), new(60), new(30, RsgRegionMode.DcOnly)] }, Masks.Bands(256, 256, 8, 3),
            "RGB 4:2:0, tilted tables, deblocking, 3 regions (q8, q60, DC-only q30) in bands: edges between regions use the mean step", revision2: true);
        Valid("28-rgb444-deblock-strips", kodim05.Crop(100, 100, 200, 150), new RsgEncoderOptions { Quality = 15, Subsampling = RsgChromaSubsampling.Yuv444, StripHeight = 16 },
            null, "RGB 4:4:4, tilted tables, deblocking, quality 15, 16-row strips: edges on strip boundaries are not filtered", revision2: true);
        Valid("29-rgb420-deblock-photo", kodim23, new RsgEncoderOptions { Quality = 30 }, null,
            "RGB 4:2:0 768x512 photograph (Kodak 23) with the encoder's defaults at quality 30: tilted tables and deblocking", revision2: true);

        Valid("30-gray-deblock-odd-steps", camera.Crop(64, 128, 128, 128).Gray(), new RsgEncoderOptions { Quality = 89, QuantizationTables = RsgQuantizationTables.JpegAnnexK },
            null, "gray, Annex K tables at quality 89 with deblocking: Q[1] + Q[8] = 2 + 3, so block_step rounds up to 3 and tc is 1 (0 without the + 1)", revision2: true);
        Valid("31-rgb420-deblock-padding-100x70", kodim23.Crop(330, 140, 100, 70), new RsgEncoderOptions { Quality = 20 }, null,
            "RGB 4:2:0 100x70 (4 and 6 pixels into the last MCUs), tilted tables, deblocking: edges into padding blocks change visible pixels", revision2: true);

        // 16x16 luma transforms (spec §7.5): every eligible area, then the encoder's own choice.
        var always = RegionCodec.Encoding.LargeTransformChoice.Always;
        Valid("38-rgb420-16x16-everywhere", face, new RsgEncoderOptions { Quality = 50, LargeTransformMode = always }, null,
            "RGB 4:2:0, quality 50, a 16x16 luma transform in every MCU (§7.5, §10.1): derived low coefficients, interior edges not deblocked", revision2: true);
        Valid("39-gray-16x16-odd-strips", camera.Crop(64, 128, 100, 70).Gray(), new RsgEncoderOptions { Quality = 30, StripHeight = 24, LargeTransformMode = always }, null,
            "gray 100x70, quality 30, strips of 3 block rows, a 16x16 transform wherever 2x2 blocks fit in a strip (§7.5)", revision2: true);

        // Alpha planes (spec §9.4): files 32–37.
        AlphaFiles.WriteValid(kodim23, Path.GetFullPath(Path.Combine(_out, "..", "..", "tests", "Codec.Tests", "TestData")));

        // Metadata chunks (spec §3.3, §4.8–§4.11): files 40–46 and one invalid file.
        MetadataFiles.Write(kodim23, _images, WriteValid, Bad);

        // Lossless regions (spec §4.12, §9.5): files 50–54.
        LosslessFiles.WriteValid(_images);

        Invalid(kodim23);
        AlphaFiles.WriteInvalid(kodim23);
        LosslessFiles.WriteInvalid(_images);
        File.WriteAllLines(Path.Combine(_out, "manifest.txt"), Manifest);
        File.WriteAllText(Path.Combine(_out, "README.md"), ConformanceReadme.Render(Manifest));
        Console.WriteLine($"wrote {Manifest.Count} entries to {_out}");
        return 0;
    }

    internal static byte[] Valid(string name, Photo photo, RsgEncoderOptions options, RsgLabelMap? labels, string description, bool write = true, bool revision2 = false)
    {
        // Files 01-24 predate revision 2 and keep its header values, so their bytes and hashes never change.
        options = revision2 ? options : Revision1(options);
        byte[] file = RsgEncoder.Encode(photo.Pixels, photo.Width, photo.Height, photo.Width * photo.Channels, photo.Format, options, labels);
        if (write)
        {
            WriteValid(name, file, description);
        }

        return file;
    }

    /// <summary>The same options with revision 1's header values: Annex K tables, no deblocking.</summary>
    private static RsgEncoderOptions Revision1(RsgEncoderOptions o) =>
        o with { QuantizationTables = RsgQuantizationTables.JpegAnnexK, Deblocking = false };

    internal static void WriteValid(string name, byte[] file, string description) => WriteValid(name, file, description, MetadataFiles.Expected.None);

    private static void WriteValid(string name, byte[] file, string description, MetadataFiles.Expected metadata)
    {
        File.WriteAllBytes(Path.Combine(_out, "valid", name + ".rsg"), file);
        RsgImage image = RsgDecoder.Decode(file);
        string metadataFields = MetadataFiles.Fields(image.Info);
        string expectedFields = MetadataFiles.Fields(metadata);
        if (metadataFields != expectedFields)
        {
            throw new InvalidOperationException($"{name}: the decoder reports {metadataFields}, the file was made to give {expectedFields}");
        }

        string pixelHash = Convert.ToHexStringLower(SHA256.HashData(image.Pixels));
        string labelHash = Convert.ToHexStringLower(SHA256.HashData(image.Labels.Labels));
        using (Image png = image.PixelFormat switch
               {
                   RsgPixelFormat.Gray8 => Image.LoadPixelData<L8>(image.Pixels, image.Width, image.Height),
                   RsgPixelFormat.GrayAlpha16 => Image.LoadPixelData<La16>(image.Pixels, image.Width, image.Height),
                   RsgPixelFormat.Rgba32 => Image.LoadPixelData<Rgba32>(image.Pixels, image.Width, image.Height),
                   _ => Image.LoadPixelData<Rgb24>(image.Pixels, image.Width, image.Height),
               })
        {
            png.SaveAsPng(Path.Combine(_out, "expected", name + ".png"));
        }

        Manifest.Add($"valid/{name}.rsg {image.Width}x{image.Height} {image.PixelFormat} {file.Length} pixels-sha256={pixelHash} labels-sha256={labelHash} {metadataFields} # {description}");
    }

    private static void Invalid(Photo kodim23)
    {
        Photo tiny = kodim23.Crop(300, 150, 32, 24);
        byte[] good = RsgEncoder.Encode(tiny.Pixels, tiny.Width, tiny.Height, tiny.Width * 3, RsgPixelFormat.Rgb24,
            Revision1(new RsgEncoderOptions { Regions = [new(40), new(80)], StripHeight = 16 }), Masks.Ellipse(32, 24, 1));
        List<Chunk> chunks = Chunk.Split(good);

        Bad("bad-signature-png", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. good[8..]], RsgError.BadSignature, "PNG's signature");
        Bad("bad-signature-text-mode", [.. good[..4], 0x0A, .. good[6..]], RsgError.BadSignature, "CR LF converted to LF by a text-mode transfer");
        Bad("truncated-mid-strip", good[..(good.Length - 20)], RsgError.Truncated, "file cut inside the last strip chunk");
        Bad("truncated-no-end", good[..(good.Length - 12)], RsgError.Truncated, "REND chunk missing");
        Bad("bad-crc", Chunk.Join(chunks.Select((c, i) => i == 2 ? c with { Data = Flip(c.Data, 10), Crc = c.ComputeCrc() } : c)), RsgError.BadCrc,
            "a payload byte of strip 0 flipped, the strip's CRC left as it was (every other chunk's CRC is correct)");
        Bad("bad-chunk-type", Chunk.Join(chunks.Select((c, i) => i == 1 ? c with { Type = Type("RT4B") } : c)), RsgError.BadChunkType, "chunk type with a digit");
        Bad("unknown-critical-chunk", Chunk.Join([chunks[0], new Chunk(Type("XTRA"), [1, 2, 3]), .. chunks[1..]]), RsgError.UnknownCriticalChunk, "critical chunk XTRA after RHDR");
        Bad("order-rtab-first", Chunk.Join([chunks[1], chunks[0], .. chunks[2..]]), RsgError.ChunkOrder, "RTAB before RHDR");
        Bad("order-strips-swapped", Chunk.Join([chunks[0], chunks[1], chunks[3], chunks[2], .. chunks[4..]]), RsgError.ChunkOrder, "strip 1 before strip 0");
        Bad("order-strip-missing", Chunk.Join([chunks[0], chunks[1], chunks[2], .. chunks[4..]]), RsgError.ChunkOrder, "REND after 1 of 2 strips");
        Bad("order-no-rtab", Chunk.Join([chunks[0], .. chunks[2..]]), RsgError.ChunkOrder, "STRP without RTAB");
        Bad("bad-length-rhdr", Chunk.Join([chunks[0] with { Data = chunks[0].Data[..16] }, .. chunks[1..]]), RsgError.BadChunkLength, "RHDR of 16 bytes");
        Bad("bad-length-strip-huge", RawLength(Chunk.Join(chunks), chunkIndex: 2, length: 0x7FFFFFFF), RsgError.BadChunkLength, "STRP declaring 2 GiB");
        Bad("bad-header-width0", Header(chunks, d => BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(1), 0)), RsgError.BadHeader, "width 0");
        Bad("bad-header-version1", Header(chunks, d => d[0] = 1), RsgError.BadHeader, "version 1 (never released; a version 2 decoder rejects it)");
        Bad("bad-header-version3", Header(chunks, d => d[0] = 3), RsgError.BadHeader, "version 3");
        Bad("bad-header-colour-model", Header(chunks, d => d[9] = 2), RsgError.BadHeader, "colour model 2");
        Bad("bad-header-mask-cell", Header(chunks, d => d[11] = 4), RsgError.BadHeader, "mask cell log2 4");
        Bad("bad-header-strip-rows0", Header(chunks, d => BinaryPrimitives.WriteUInt16BigEndian(d.AsSpan(12), 0)), RsgError.BadHeader, "strip height 0");
        Bad("bad-header-strip-too-large", Header(chunks, d =>
        {
            BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(1), 100000);
            BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(5), 2048);
            BinaryPrimitives.WriteUInt16BigEndian(d.AsSpan(12), 3);
        }, keepStrips: false), RsgError.BadHeader, "100000x2048 4:2:0 with 3-MCU-row strips: 4.8 megapixels per strip, above 2^22");
        Bad("bad-header-reserved-flag", Header(chunks, d => d[15] = 0x80), RsgError.BadHeader, "reserved flag bit set");
        Bad("bad-header-reserved-flag-bit2", Header(chunks, d => d[15] = 0x06), RsgError.BadHeader, "deblocking flag with reserved bit 2 set");
        Bad("bad-header-table-set2", Header(chunks, d => d[16] = 2), RsgError.BadHeader, "quant_table_set 2");
        Bad("bad-region-quality0", Chunk.Join(chunks.Select((c, i) => i == 1 ? c with { Data = [0, 0, .. c.Data[2..]] } : c)), RsgError.BadRegionTable, "region 0 quality 0");
        Bad("bad-region-mode3", Chunk.Join(chunks.Select((c, i) => i == 1 ? c with { Data = [c.Data[0], 3, .. c.Data[2..]] } : c)), RsgError.BadRegionTable, "region 0 mode 3 (modes are 0, 1 and 2)");
        Bad("bad-mask-label", Chunk.Join(chunks.Select((c, i) => i switch
        {
            0 => c with { Data = [.. c.Data[..14], 1, .. c.Data[15..]] },
            1 => c with { Data = c.Data[..2] },
            _ => c,
        })), RsgError.BadMask, "region count lowered to 1 while the mask uses label 1");
        Bad("bad-coefficient-dc", DcOverflowFile(), RsgError.BadCoefficient, "second block's DC level decodes to 32768");
        byte[] bomb = Header(chunks, d =>
        {
            BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(1), RsgConstants.MaxDimension);
            BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(5), RsgConstants.MaxDimension);
        }, keepStrips: false);
        Bad("limit-bomb-16777215", bomb, RsgError.LimitExceeded,
            $"16777215x16777215 declared by a {bomb.Length}-byte file that ends after RTAB (R13 with this library's default limits; a decoder with larger limits reports R2)");
    }

    /// <summary>A 16x8 gray image at quality 100 whose second DC decodes to 32767 + 1.</summary>
    private static byte[] DcOverflowFile()
    {
        var header = new FrameHeader(16, 8, RsgColorModel.Gray, RsgChromaSubsampling.Yuv444, 3, 1, 1);
        using var payload = new PooledBufferWriter();
        var coder = new RangeEncoder(payload);
        var maskContexts = new MaskContexts();
        MaskRowCoder.CodeRow(ref coder, maskContexts, default, new byte[2], 1);
        var ctx = new CoefficientContexts();
        // All DCs come before any AC count (spec §9.2): the second DC is the one out of range.
        CodeDc(ref coder, ctx, 0, 32767);
        CodeDc(ref coder, ctx, 0, 1);
        coder.CodeSymbol(ctx.NonZeroCount.AsSpan((CoefficientContexts.NonZeroBuckets - 1) * SymbolModel.Stride, SymbolModel.Stride), CoefficientContexts.CountSymbols, 0);
        coder.CodeSymbol(ctx.NonZeroCount.AsSpan(0, SymbolModel.Stride), CoefficientContexts.CountSymbols, 0);
        coder.Finish();

        var output = new System.Buffers.ArrayBufferWriter<byte>();
        ChunkWriter.WriteSignature(output);
        byte[] rhdr = new byte[RsgConstants.HeaderChunkLength];
        header.Write(rhdr);
        ChunkWriter.Write(output, ChunkType.Header, rhdr, default);
        ChunkWriter.Write(output, ChunkType.RegionTable, [100, 0], default);
        ChunkWriter.Write(output, ChunkType.Strip, [0, 0, 0, 0], payload.WrittenSpan);
        ChunkWriter.Write(output, ChunkType.End, default, default);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Codes a DC residual exactly as BlockCoder does (zero flag, sign, magnitude) in bucket <paramref name="bucket"/>.</summary>
    private static void CodeDc(ref RangeEncoder coder, CoefficientContexts ctx, int bucket, int value)
    {
        coder.Code(ref ctx.DcZero[bucket], value == 0 ? 1 : 0);
        if (value == 0)
        {
            return;
        }

        coder.Code(ref ctx.DcSign[bucket], value < 0 ? 1 : 0);
        BinarizedValue.CodeMagnitude(ref coder,
            ctx.DcLength.AsSpan(bucket * CoefficientContexts.DcMaxBits, CoefficientContexts.DcMaxBits),
            ctx.DcMantissa.AsSpan(bucket * CoefficientContexts.DcMaxBits * 2, CoefficientContexts.DcMaxBits * 2),
            CoefficientContexts.DcMaxBits, Math.Abs(value));
    }

    internal static void Bad(string name, byte[] file, RsgError error, string description)
    {
        // Every invalid file must really fail with its error in this decoder, or the generator stops.
        try
        {
            RsgDecoder.Decode(file);
            throw new InvalidOperationException($"{name} decoded without error");
        }
        catch (RsgFormatException e) when (e.Error == error)
        {
        }

        string fileName = $"R{(int)error:D2}-{name}.rsg";
        File.WriteAllBytes(Path.Combine(_out, "invalid", fileName), file);
        Manifest.Add($"invalid/{fileName} R{(int)error} {error} # {description}");
    }

    private static byte[] Header(List<Chunk> chunks, Action<byte[]> edit, bool keepStrips = true)
    {
        byte[] data = [.. chunks[0].Data];
        edit(data);
        List<Chunk> result = [chunks[0] with { Data = data }, chunks[1]];
        if (keepStrips)
        {
            result.AddRange(chunks[2..]);
        }

        return Chunk.Join(result);
    }

    internal static byte[] RawLength(byte[] file, int chunkIndex, uint length)
    {
        long offset = 0;
        int i = 0;
        foreach (RsgChunk chunk in RsgChunk.Walk(file))
        {
            if (i++ == chunkIndex)
            {
                offset = chunk.Offset;
                break;
            }
        }

        byte[] copy = [.. file];
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan((int)offset), length);
        return copy;
    }

    private static byte[] InsertChunk(byte[] file, uint before, uint type, byte[] data)
    {
        List<Chunk> chunks = Chunk.Split(file);
        int index = chunks.FindIndex(c => c.Type == before);
        chunks.Insert(index, new Chunk(type, data));
        return Chunk.Join(chunks);
    }

    private static byte[] Flip(byte[] data, int index)
    {
        byte[] copy = [.. data];
        copy[index] ^= 0x40;
        return copy;
    }

    internal static uint Type(string text) => BinaryPrimitives.ReadUInt32BigEndian(System.Text.Encoding.ASCII.GetBytes(text));
}

/// <summary>One chunk: type and data (length is derived; the CRC is computed unless <paramref name="Crc"/> gives a stale one).</summary>
internal sealed record Chunk(uint Type, byte[] Data, uint? Crc = null)
{
    /// <summary>The CRC-32 of the type and data (§3.2).</summary>
    public uint ComputeCrc()
    {
        Span<byte> type = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(type, Type);
        var crc = new Crc32();
        crc.Append(type);
        crc.Append(Data);
        return crc.GetCurrentHashAsUInt32();
    }

    public static List<Chunk> Split(byte[] file)
    {
        var chunks = new List<Chunk>();
        foreach (RsgChunk chunk in RsgChunk.Walk(file))
        {
            chunks.Add(new Chunk(chunk.Type, chunk.DataIn(file).ToArray()));
        }

        return chunks;
    }

    public static byte[] Join(IEnumerable<Chunk> chunks)
    {
        var output = new MemoryStream();
        output.Write(RsgConstants.Signature);
        Span<byte> word = stackalloc byte[4];
        foreach (Chunk chunk in chunks)
        {
            BinaryPrimitives.WriteUInt32BigEndian(word, (uint)chunk.Data.Length);
            output.Write(word);
            BinaryPrimitives.WriteUInt32BigEndian(word, chunk.Type);
            output.Write(word);
            output.Write(chunk.Data);
            BinaryPrimitives.WriteUInt32BigEndian(word, chunk.Crc ?? chunk.ComputeCrc());
            output.Write(word);
        }

        return output.ToArray();
    }
}
