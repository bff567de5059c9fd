namespace RegionCodec.ConformanceGenerator;

/// <summary>
/// The lossless region mode's conformance files (spec/rsg.md §4.3 mode 2, §4.12, §9.5): valid files 50–54 (screen
/// content beside DCT regions, whole-image lossless RGB, gray, with alpha, three modes at once) and invalid files
/// that break the LOSS chunk's order (R6) and length (R7) rules or end inside it (R2).
/// </summary>
internal static class LosslessFiles
{
    /// <param name="images">The shared image set (screen/ and skimage/ folders).</param>
    public static void WriteValid(string images)
    {
        Photo messages = Photo.Load(Path.Combine(images, "screen/gb82sc_gmessages.png")).Crop(40, 2120, 256, 160);
        Photo graph = Photo.Load(Path.Combine(images, "screen/gb82sc_graph.png")).Crop(300, 150, 200, 120);
        Photo text = Photo.Load(Path.Combine(images, "skimage/text.png")).Gray().Crop(0, 0, 200, 120);
        Photo gui = Photo.LoadRgba(Path.Combine(images, "screen/gb82sc_gui.png")).Crop(80, 60, 128, 96);

        Program.Valid("50-rgb420-lossless-text-beside-dct", messages, new RsgEncoderOptions { StripHeight = 64, Regions = [new(50), new(100, RsgRegionMode.Lossless)] },
            Masks.Ellipse(256, 160, 8), "RGB 4:2:0 256x160 screenshot crop (text bubble): lossless ellipse (label 1) beside DCT q50, 64-row strips: STRP, LOSS per strip", revision2: true);
        Program.Valid("51-rgb-lossless-whole", graph, RsgEncoderOptions.Lossless() with { StripHeight = 48 }, null,
            "RGB 200x120 chart crop, whole image lossless (one mode-2 region): STRP payloads hold only the mask, LOSS every sample", revision2: true);
        Program.Valid("52-gray-lossless-whole", text, RsgEncoderOptions.Lossless(), null,
            "gray 200x120 (scikit-image text), whole image lossless", revision2: true);
        Program.Valid("53-rgba-lossless-alpha", gui, RsgEncoderOptions.Lossless() with { StripHeight = 32 }, null,
            "RGBA 128x96 screenshot crop with a transparent corner, whole image lossless: STRP, LOSS, ALPH per strip", revision2: true);
        Program.Valid("54-rgb444-three-modes-cell4", messages, new RsgEncoderOptions
            {
                Subsampling = RsgChromaSubsampling.Yuv444,
                Regions = [new(30, RsgRegionMode.DcOnly), new(100, RsgRegionMode.Lossless), new(70)],
            },
            Masks.Bands(256, 160, 4, 3), "RGB 4:4:4, 4-pixel mask cells in bands of DC-only, lossless and DCT q70: blocks mixing lossless and DCT cells take the DCT label (§7.3)",
            revision2: true);
    }

    /// <param name="images">The shared image set.</param>
    public static void WriteInvalid(string images)
    {
        Photo gui = Photo.LoadRgba(Path.Combine(images, "screen/gb82sc_gui.png")).Crop(80, 60, 48, 32);
        byte[] good = RsgEncoder.Encode(gui.Pixels, gui.Width, gui.Height, gui.Width * 4, RsgPixelFormat.Rgba32,
            RsgEncoderOptions.Lossless() with { StripHeight = 16 });
        List<Chunk> chunks = Chunk.Split(good);
        string[] types = [.. chunks.Select(c => Container.ChunkType.ToText(c.Type))];
        if (!types.SequenceEqual(["RHDR", "RTAB", "STRP", "LOSS", "ALPH", "STRP", "LOSS", "ALPH", "REND"]))
        {
            throw new InvalidOperationException($"unexpected chunks {string.Join(' ', types)}");
        }

        Program.Bad("lossless-missing", Chunk.Join([.. chunks[..3], .. chunks[4..]]), RsgError.ChunkOrder,
            "a lossless region but strip 0 has no LOSS chunk: ALPH 0 comes where LOSS 0 belongs");
        Program.Bad("lossless-after-alpha", Chunk.Join([.. chunks[..3], chunks[4], chunks[3], .. chunks[5..]]), RsgError.ChunkOrder,
            "ALPH 0 before LOSS 0 (LOSS comes right after its STRP)");
        Program.Bad("lossless-without-region", Chunk.Join(chunks.Select((c, i) => i == 1 ? c with { Data = [100, 0] } : c)), RsgError.ChunkOrder,
            "LOSS chunks in an image whose only region is DCT (mode 0)");
        Program.Bad("lossless-index-wrong", Chunk.Join(chunks.Select((c, i) => i == 3 ? c with { Data = [0, 0, 0, 1, .. c.Data[4..]] } : c)),
            RsgError.ChunkOrder, "the LOSS chunk after STRP 0 carries strip index 1");
        Program.Bad("lossless-twice", Chunk.Join([.. chunks[..4], chunks[3], .. chunks[4..]]), RsgError.ChunkOrder, "LOSS 0 twice");
        Program.Bad("lossless-too-long", Program.RawLength(Chunk.Join(chunks), chunkIndex: 3, length: 0x7FFFFFFF), RsgError.BadChunkLength,
            "LOSS declaring 2 GiB, far above MaxLosslessLength(0) = 4 + 1024 + 4 x 3 x 48 x 16");
        byte[] joined = Chunk.Join(chunks);
        int lastLossEnd = joined.Length - 12 - (12 + chunks[7].Data.Length);
        Program.Bad("truncated-in-lossless", joined[..(lastLossEnd - 6)], RsgError.Truncated, "file cut inside the last LOSS chunk");
    }
}
