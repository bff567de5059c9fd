using System.Buffers.Binary;

namespace RegionCodec;

/// <summary>
/// The RHDR chunk's fields plus the geometry they imply (MCU size, block grids, strips).
/// Layout and ranges: spec/rsg.md §4.2.
/// </summary>
internal sealed class FrameHeader
{
    /// <summary>RHDR flag bit 0: an ALPH chunk follows every STRP chunk (spec/rsg.md §4.7, §9.4).</summary>
    public const int AlphaFlag = 0x01;

    /// <summary>RHDR flag bit 1: the decoder runs the deblocking filter (spec/rsg.md §10.5).</summary>
    public const int DeblockingFlag = 0x02;

    /// <summary>Highest <c>quant_table_set</c> value this version defines (§7.1).</summary>
    public const int MaxQuantTableSet = (int)RsgQuantizationTables.Tilted;

    /// <summary>
    /// Most pixels a strip of more than one MCU row may cover, so that the memory one strip chunk can
    /// make a decoder commit stays bounded whatever the image size (spec R8).
    /// </summary>
    public const int MaxStripPixels = 1 << 22;

    public FrameHeader(int width, int height, RsgColorModel colorModel, RsgChromaSubsampling subsampling,
        int maskCellLog2, int stripMcuRows, int regionCount, int flags = 0, int quantTableSet = 0)
    {
        Width = width;
        Height = height;
        ColorModel = colorModel;
        Subsampling = subsampling;
        MaskCellLog2 = maskCellLog2;
        StripMcuRows = stripMcuRows;
        RegionCount = regionCount;
        Flags = flags;
        QuantTableSet = quantTableSet;

        McuSize = McuSizeOf((int)colorModel, (int)subsampling);
        McuCols = RsgLabelMap.CeilDiv(width, McuSize);
        McuRows = RsgLabelMap.CeilDiv(height, McuSize);
        StripHeight = StripMcuRows * McuSize;
        StripCount = RsgLabelMap.CeilDiv(McuRows, StripMcuRows);
        MaskWidth = RsgLabelMap.CeilDiv(width, MaskCellSize);
        MaskHeight = RsgLabelMap.CeilDiv(height, MaskCellSize);
    }

    public int Width { get; }
    public int Height { get; }
    public RsgColorModel ColorModel { get; }
    public RsgChromaSubsampling Subsampling { get; }
    public int MaskCellLog2 { get; }
    public int MaskCellSize => 1 << MaskCellLog2;
    public int StripMcuRows { get; }
    public int RegionCount { get; }
    public int Flags { get; }
    public int QuantTableSet { get; }
    public RsgQuantizationTables QuantizationTables => (RsgQuantizationTables)QuantTableSet;
    public bool Deblocking => (Flags & DeblockingFlag) != 0;

    /// <summary>Whether the file carries an alpha plane (RHDR flag bit 0).</summary>
    public bool HasAlpha => (Flags & AlphaFlag) != 0;

    public int ComponentCount => (int)ColorModel;
    public bool IsSubsampled => McuSize == 16;
    /// <summary>Pixels per MCU side: 16 for 4:2:0, else 8.</summary>
    public int McuSize { get; }
    public int McuCols { get; }
    public int McuRows { get; }
    /// <summary>Pixel rows per strip (a multiple of the MCU size).</summary>
    public int StripHeight { get; }
    public int StripCount { get; }
    public int MaskWidth { get; }
    public int MaskHeight { get; }

    /// <summary>The layout of decoded pixels (spec/rsg.md §10.4): gray or RGB, each followed by alpha when the file has it.</summary>
    public RsgPixelFormat OutputFormat => (ComponentCount == 1, HasAlpha) switch
    {
        (true, false) => RsgPixelFormat.Gray8,
        (true, true) => RsgPixelFormat.GrayAlpha16,
        (false, false) => RsgPixelFormat.Rgb24,
        (false, true) => RsgPixelFormat.Rgba32,
    };

    /// <summary>Bytes per decoded pixel.</summary>
    public int BytesPerPixel => OutputFormat.BytesPerPixel();

    /// <summary>Bytes in one packed decoded row.</summary>
    public int RowBytes => Width * BytesPerPixel;

    /// <summary>Luma blocks per MCU side (2 for 4:2:0); chroma always has 1.</summary>
    public int LumaBlocksPerMcuSide => IsSubsampled ? 2 : 1;

    /// <summary>First image row of strip <paramref name="strip"/>.</summary>
    public int StripTop(int strip) => strip * StripHeight;

    /// <summary>Image rows in strip <paramref name="strip"/> (the last one may be short).</summary>
    public int StripRows(int strip) => Math.Min(StripHeight, Height - StripTop(strip));

    /// <summary>First mask row of strip <paramref name="strip"/> (strips start on a mask row boundary).</summary>
    public int StripMaskTop(int strip) => StripTop(strip) >> MaskCellLog2;

    /// <summary>Mask rows strip <paramref name="strip"/> carries (spec/rsg.md §6.1): those its pixel rows touch.</summary>
    public int StripMaskRows(int strip)
    {
        int top = StripTop(strip);
        int bottom = top + StripRows(strip);
        return ((bottom - 1) >> MaskCellLog2) + 1 - (top >> MaskCellLog2);
    }

    /// <summary>MCU rows in strip <paramref name="strip"/>.</summary>
    public int StripMcuRowCount(int strip) => Math.Min(StripMcuRows, McuRows - (strip * StripMcuRows));

    /// <summary>Largest strip chunk any image may have, whatever its size (1 GiB).</summary>
    public const long MaxStripChunkCap = 1L << 30;

    /// <summary>
    /// The longest STRP chunk allowed for <paramref name="strip"/>: 8 bytes per padded sample plus 1028,
    /// at most 1 GiB. Encoders must stay within it (this library's checks that it does); decoders reject
    /// a longer declared length before sizing any buffer from it (spec R7).
    /// </summary>
    public long MaxStripChunkLength(int strip) =>
        Math.Min(MaxStripChunkCap, 4 + 1024 + ((long)StripMcuRowCount(strip) * McuSize * McuCols * McuSize * ComponentCount * 8));

    /// <summary>
    /// The longest ALPH chunk allowed for <paramref name="strip"/> (spec/rsg.md §4.7): 4 bytes per pixel plus
    /// 1028, at most 1 GiB; real alpha planes need well under one byte per pixel.
    /// </summary>
    public long MaxAlphaChunkLength(int strip) =>
        Math.Min(MaxStripChunkCap, 4 + 1024 + ((long)StripRows(strip) * Width * 4));

    /// <summary>
    /// The longest LOSS chunk allowed for <paramref name="strip"/> (spec/rsg.md §4.12): 4 bytes per sample
    /// plus 1028, at most 1 GiB; a lossless pixel needs at most about 8 bytes of three channels.
    /// </summary>
    public long MaxLosslessChunkLength(int strip) =>
        Math.Min(MaxStripChunkCap, 4 + 1024 + ((long)StripRows(strip) * Width * ComponentCount * 4));

    public static FrameHeader Parse(ReadOnlySpan<byte> data, long offset)
    {
        if (data.Length != RsgConstants.HeaderChunkLength)
        {
            ThrowHelper.Format(RsgError.BadChunkLength, offset, $"RHDR must be {RsgConstants.HeaderChunkLength} bytes, not {data.Length}");
        }

        int version = data[0];
        uint width = BinaryPrimitives.ReadUInt32BigEndian(data[1..]);
        uint height = BinaryPrimitives.ReadUInt32BigEndian(data[5..]);
        int colorModel = data[9];
        int subsampling = data[10];
        int maskCellLog2 = data[11];
        int stripMcuRows = BinaryPrimitives.ReadUInt16BigEndian(data[12..]);
        int regionCount = data[14];
        int flags = data[15];
        int tableSet = data[16];

        if (version != RsgConstants.Version)
        {
            ThrowHelper.Format(RsgError.BadHeader, offset, $"version {version} is not supported (this decoder reads version {RsgConstants.Version})");
        }

        if (width is 0 or > RsgConstants.MaxDimension || height is 0 or > RsgConstants.MaxDimension)
        {
            ThrowHelper.Format(RsgError.BadHeader, offset + 1, $"dimensions {width}x{height} outside 1..{RsgConstants.MaxDimension}");
        }

        if (colorModel is not (1 or 3))
        {
            ThrowHelper.Format(RsgError.BadHeader, offset + 9, $"colour model {colorModel} is neither 1 (gray) nor 3 (YCbCr)");
        }

        if (subsampling > 1 || (colorModel == 1 && subsampling != 0))
        {
            ThrowHelper.Format(RsgError.BadHeader, offset + 10, $"subsampling {subsampling} is invalid for colour model {colorModel}");
        }

        if (maskCellLog2 > 3)
        {
            ThrowHelper.Format(RsgError.BadHeader, offset + 11, $"mask cell log2 {maskCellLog2} is above 3");
        }

        if (stripMcuRows == 0)
        {
            ThrowHelper.Format(RsgError.BadHeader, offset + 12, "strip height is 0 MCU rows");
        }

        // Only the rows a strip really has count: strip_mcu_rows may exceed the image's MCU rows.
        int mcuSize = McuSizeOf(colorModel, subsampling);
        long effectiveRows = Math.Min(stripMcuRows, RsgLabelMap.CeilDiv((int)height, mcuSize));
        long stripPixels = effectiveRows * mcuSize * mcuSize * RsgLabelMap.CeilDiv((int)width, mcuSize);
        if (effectiveRows > 1 && stripPixels > MaxStripPixels)
        {
            ThrowHelper.Format(RsgError.BadHeader, offset + 12, $"strips of {stripPixels} pixels exceed {MaxStripPixels}");
        }

        if (regionCount == 0)
        {
            ThrowHelper.Format(RsgError.BadHeader, offset + 14, "region count is 0");
        }

        if ((flags & ~(AlphaFlag | DeblockingFlag)) != 0)
        {
            ThrowHelper.Format(RsgError.BadHeader, offset + 15, $"reserved flag bits set (0x{flags:X2})");
        }

        if (tableSet > MaxQuantTableSet)
        {
            ThrowHelper.Format(RsgError.BadHeader, offset + 16, $"quantization table set {tableSet} is unknown");
        }

        return new FrameHeader((int)width, (int)height, (RsgColorModel)colorModel, (RsgChromaSubsampling)subsampling,
            maskCellLog2, stripMcuRows, regionCount, flags, tableSet);
    }

    public void Write(Span<byte> destination)
    {
        destination[0] = RsgConstants.Version;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)Width);
        BinaryPrimitives.WriteUInt32BigEndian(destination[5..], (uint)Height);
        destination[9] = (byte)ColorModel;
        destination[10] = (byte)Subsampling;
        destination[11] = (byte)MaskCellLog2;
        BinaryPrimitives.WriteUInt16BigEndian(destination[12..], (ushort)StripMcuRows);
        destination[14] = (byte)RegionCount;
        destination[15] = (byte)Flags;
        destination[16] = (byte)QuantTableSet;
    }

    /// <summary>16 for 4:2:0 colour, else 8. Only meaningful for valid colour model and subsampling values.</summary>
    public static int McuSizeOf(int colorModel, int subsampling) => colorModel == 3 && subsampling == 1 ? 16 : 8;

    /// <inheritdoc cref="McuSizeOf(int, int)"/>
    public static int McuSizeOf(RsgColorModel colorModel, RsgChromaSubsampling subsampling) => McuSizeOf((int)colorModel, (int)subsampling);

}
