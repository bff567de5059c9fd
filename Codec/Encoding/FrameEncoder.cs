using System.Buffers;
using System.Buffers.Binary;
using RegionCodec.Container;

namespace RegionCodec.Encoding;

/// <summary>
/// Validates the caller's input, fixes the header, and writes the file piece by piece: the head
/// (signature, RHDR, RTAB, then the metadata chunks iCCP, eXIf, xMPp and rNAM), one STRP chunk per
/// strip (each followed by its LOSS chunk when a region is lossless, then its ALPH chunk when the image has alpha), then REND. Strips are coded by a
/// <see cref="StripWaveEncoder"/>, several at a time; only one wave's output is held at a time.
/// </summary>
internal sealed class FrameEncoder : IDisposable
{
    private const int TargetStripPixels = 1 << 20;

    private readonly RsgRegion[] _regions;
    private readonly RsgLabelMap _labels;
    private readonly StripWaveEncoder _strips;
    private readonly RsgImageMetadata _metadata;

    /// <summary>An encoder of the image in <paramref name="pixels"/>, row r at <c>r * stride</c>.</summary>
    public static FrameEncoder ForBuffer(int width, int height, int stride, RsgPixelFormat format, ReadOnlySpan<byte> pixels, RsgEncoderOptions options, RsgLabelMap? labels)
    {
        CheckDimensions(width, height, options);
        int rowBytes = width * format.BytesPerPixel();
        if (stride < rowBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(stride), stride, $"Stride must be at least {rowBytes}.");
        }

        if (pixels.Length < ((long)stride * (height - 1)) + rowBytes)
        {
            throw new ArgumentException($"Pixel buffer too small for {width}x{height} with stride {stride}.", nameof(pixels));
        }

        bool alpha = format.HasAlpha() && options.Alpha switch
        {
            RsgAlphaMode.Keep => true,
            RsgAlphaMode.Drop => false,
            _ => !AlphaSampler.IsOpaque(pixels, width, height, stride, format),
        };
        return new FrameEncoder(width, height, stride, format, options, labels, alpha);
    }

    /// <summary>
    /// An encoder of an image whose rows arrive in order (<see cref="IRsgRowSource"/>), packed. It cannot look ahead, so
    /// <see cref="RsgAlphaMode.Auto"/> keeps the alpha of a format that has it.
    /// </summary>
    public static FrameEncoder ForRows(int width, int height, RsgPixelFormat format, RsgEncoderOptions options, RsgLabelMap? labels)
    {
        CheckDimensions(width, height, options);
        bool alpha = format.HasAlpha() && options.Alpha != RsgAlphaMode.Drop;
        return new FrameEncoder(width, height, width * format.BytesPerPixel(), format, options, labels, alpha);
    }

    private static void CheckDimensions(int width, int height, RsgEncoderOptions options)
    {
        if (width is < 1 or > RsgConstants.MaxDimension || height is < 1 or > RsgConstants.MaxDimension)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"{width}x{height} is outside 1..{RsgConstants.MaxDimension}.");
        }

        if (!options.AllowLargeImages && !RsgLimits.WithinDefaults(width, height))
        {
            throw new ArgumentOutOfRangeException(nameof(width),
                $"{width}x{height} ({(long)width * height} pixels) exceeds the default decoder limits ({RsgLimits.DefaultMaxWidth} per side, {RsgLimits.DefaultMaxPixels} pixels), so default decoders would refuse the file; set AllowLargeImages to encode it anyway.");
        }
    }

    private FrameEncoder(int width, int height, int stride, RsgPixelFormat format, RsgEncoderOptions options, RsgLabelMap? labels, bool alpha)
    {
        _regions = ResolveRegions(options, labels);
        _metadata = CheckMetadata(options.Metadata ?? RsgImageMetadata.None);
        _labels = labels ?? RsgLabelMap.Uniform(width, height, cellSize: 8);
        if (!_labels.Fits(width, height))
        {
            throw new ArgumentException($"Label map is {_labels.Width}x{_labels.Height} cells; a {width}x{height} image with {_labels.CellSize}-pixel cells needs {RsgLabelMap.CellsAlong(width, _labels.CellSize)}x{RsgLabelMap.CellsAlong(height, _labels.CellSize)}.", nameof(labels));
        }

        int maxLabel = _labels.Labels.Max();
        if (maxLabel >= _regions.Length)
        {
            throw new ArgumentException($"Label {maxLabel} is used but the region table has {_regions.Length} entries.", nameof(labels));
        }

        bool gray = format.IsGray() || options.Grayscale;
        RsgColorModel model = gray ? RsgColorModel.Gray : RsgColorModel.YCbCr;
        RsgChromaSubsampling subsampling = gray ? RsgChromaSubsampling.Yuv444 : options.Subsampling;
        int mcuSize = FrameHeader.McuSizeOf(model, subsampling);
        int mcuCols = RsgLabelMap.CeilDiv(width, mcuSize), mcuRows = RsgLabelMap.CeilDiv(height, mcuSize);
        long requestedMcuRows = options.StripHeight > 0
            ? ((long)options.StripHeight + mcuSize - 1) / mcuSize
            : BalancedStripMcuRows(mcuRows, Math.Max(1, TargetStripPixels / ((long)mcuCols * mcuSize * mcuSize)));
        long maxStripMcuRows = Math.Max(1, FrameHeader.MaxStripPixels / ((long)mcuCols * mcuSize * mcuSize));
        int stripMcuRows = (int)Math.Clamp(requestedMcuRows, 1, Math.Min(Math.Min(mcuRows, maxStripMcuRows), ushort.MaxValue));

        if (!Enum.IsDefined(options.QuantizationTables))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.QuantizationTables, "Unknown quantization table set.");
        }

        Header = new FrameHeader(width, height, model, subsampling, int.Log2(_labels.CellSize), stripMcuRows, _regions.Length,
            flags: (options.Deblocking ? FrameHeader.DeblockingFlag : 0) | (alpha ? FrameHeader.AlphaFlag : 0),
            quantTableSet: (int)options.QuantizationTables);
        Stride = stride;
        _strips = new StripWaveEncoder(Header, _regions, _labels, format, options.OptimizeQuantization, options.LargeTransformChoice, options.MaxDegreeOfParallelism);
    }

    /// <summary>
    /// The default strip height: as many strips as about a megapixel each needs, then strips of equal height (the last
    /// one at most as high), so that threads decoding them in parallel get equal work instead of one short strip at
    /// the end (12 strips of 23 and 3 MCU rows cap two threads at 1.85x, 11 of 22 and one of 14 at 1.94x).
    /// </summary>
    private static long BalancedStripMcuRows(int mcuRows, long targetMcuRows)
    {
        long strips = (mcuRows + targetMcuRows - 1) / targetMcuRows;
        return (mcuRows + strips - 1) / strips;
    }

    public FrameHeader Header { get; }

    public int Stride { get; }

    /// <summary>Signature, RHDR, RTAB and the metadata chunks (each only when there is something to store).</summary>
    public void WriteHead(IBufferWriter<byte> output)
    {
        ChunkWriter.WriteSignature(output);
        Span<byte> header = stackalloc byte[RsgConstants.HeaderChunkLength];
        Header.Write(header);
        ChunkWriter.Write(output, ChunkType.Header, header, default);
        byte[] table = new byte[_regions.Length * 2];
        for (int i = 0; i < _regions.Length; i++)
        {
            table[2 * i] = (byte)_regions[i].Quality;
            table[(2 * i) + 1] = (byte)_regions[i].Mode;
        }

        ChunkWriter.Write(output, ChunkType.RegionTable, table, default);
        WriteIfPresent(output, ChunkType.IccProfile, _metadata.IccProfile);
        WriteIfPresent(output, ChunkType.Exif, _metadata.Exif);
        WriteIfPresent(output, ChunkType.Xmp, _metadata.Xmp);
        if (RegionNames.AnyNamed(_regions))
        {
            ChunkWriter.Write(output, ChunkType.RegionNames, RegionNames.Write(_regions), default);
        }
    }

    private static void WriteIfPresent(IBufferWriter<byte> output, uint type, byte[]? data)
    {
        if (data is not null)
        {
            ChunkWriter.Write(output, type, data, default);
        }
    }

    /// <summary>Refuses metadata a decoder would ignore, so a file never silently loses what the caller gave.</summary>
    private static RsgImageMetadata CheckMetadata(RsgImageMetadata metadata)
    {
        if (metadata.IccProfile is { } icc && !RsgImageMetadata.IsValidIccProfile(icc))
        {
            throw new ArgumentException("The ICC profile is malformed (it needs at least 128 bytes, its own size field equal to its length, 'acsp' at offset 36, and at most 2^24 bytes).", "options");
        }

        if (metadata.Exif is { } exif && !RsgImageMetadata.IsValidExif(exif))
        {
            throw new ArgumentException("EXIF must be a TIFF stream (starting II*\\0 or MM\\0*, without the Exif\\0\\0 prefix) of 8 bytes to 2^24 bytes.", "options");
        }

        if (metadata.Xmp is { } xmp && !RsgImageMetadata.IsValidXmp(xmp))
        {
            throw new ArgumentException("XMP must be a non-empty UTF-8 packet of at most 2^24 bytes.", "options");
        }

        return metadata;
    }

    /// <summary>
    /// Codes the next wave of strips, from <paramref name="firstStrip"/> on, in parallel up to
    /// <see cref="RsgEncoderOptions.MaxDegreeOfParallelism"/>; returns how many. Write each with <see cref="WriteStrip"/>.
    /// </summary>
    public int CodeStrips(ReadOnlySpan<byte> pixels, int firstStrip, CancellationToken cancellationToken) =>
        _strips.Code(new PixelRows(pixels, Stride), firstStrip, cancellationToken);

    /// <summary>As <see cref="CodeStrips(ReadOnlySpan{byte}, int, CancellationToken)"/>, from a window that holds at least the wave's rows (<see cref="WaveRows"/>).</summary>
    public int CodeStrips(PixelRows pixels, int firstStrip, CancellationToken cancellationToken) =>
        _strips.Code(pixels, firstStrip, cancellationToken);

    /// <summary>The image rows the wave starting at <paramref name="firstStrip"/> codes: its first row and how many.</summary>
    public (int Top, int Rows) WaveRows(int firstStrip)
    {
        int last = firstStrip + _strips.WaveLength(firstStrip) - 1;
        int top = Header.StripTop(firstStrip);
        return (top, Header.StripTop(last) + Header.StripRows(last) - top);
    }

    /// <summary>Writes the STRP chunk of <paramref name="strip"/>, coded by the last <see cref="CodeStrips(ReadOnlySpan{byte}, int, CancellationToken)"/>, and its ALPH chunk when the image has alpha.</summary>
    public void WriteStrip(int strip, IBufferWriter<byte> output)
    {
        ReadOnlySpan<byte> payload = _strips.Payload(strip);
        if (4L + payload.Length > Header.MaxStripChunkLength(strip))
        {
            // Not reachable with real images (they need a few bytes per sample at most), but a file
            // this library writes must never break a rule its decoder enforces.
            throw new InvalidOperationException($"Strip {strip} needs {payload.Length} bytes, above the format's limit of {Header.MaxStripChunkLength(strip)}; use a smaller StripHeight.");
        }

        Span<byte> index = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(index, (uint)strip);
        ChunkWriter.Write(output, ChunkType.Strip, index, payload);
        if (_strips.HasLossless)
        {
            ReadOnlySpan<byte> lossless = _strips.LosslessPayload(strip);
            if (4L + lossless.Length > Header.MaxLosslessChunkLength(strip))
            {
                // Unreachable in practice (a lossless pixel costs at most a few bytes); the same guarantee as above.
                throw new InvalidOperationException($"Strip {strip}'s lossless samples need {lossless.Length} bytes, above the format's limit of {Header.MaxLosslessChunkLength(strip)}.");
            }

            ChunkWriter.Write(output, ChunkType.Lossless, index, lossless);
        }

        if (Header.HasAlpha)
        {
            ReadOnlySpan<byte> alpha = _strips.AlphaPayload(strip);
            if (4L + alpha.Length > Header.MaxAlphaChunkLength(strip))
            {
                // Unreachable in practice (alpha costs at most about a byte per pixel); the same guarantee as above.
                throw new InvalidOperationException($"Strip {strip}'s alpha needs {alpha.Length} bytes, above the format's limit of {Header.MaxAlphaChunkLength(strip)}.");
            }

            ChunkWriter.Write(output, ChunkType.Alpha, index, alpha);
        }
    }

    public static void WriteEnd(IBufferWriter<byte> output) => ChunkWriter.Write(output, ChunkType.End, default, default);

    public void Dispose()
    {
        _strips.Dispose();
    }

    private static RsgRegion[] ResolveRegions(RsgEncoderOptions options, RsgLabelMap? labels)
    {
        RsgRegion[] regions = options.Regions is { Count: > 0 } table ? [.. table] : [new RsgRegion(options.Quality)];
        if (regions.Length > RsgConstants.MaxRegions)
        {
            throw new ArgumentException($"At most {RsgConstants.MaxRegions} regions, got {regions.Length}.", nameof(options));
        }

        for (int i = 0; i < regions.Length; i++)
        {
            regions[i].Validate($"{nameof(options)}.{nameof(options.Regions)}[{i}]");
        }

        if (labels is not null && options.Regions is null && labels.Labels.AsSpan().ContainsAnyExcept((byte)0))
        {
            throw new ArgumentException("A label map with more than one label needs a region table (RsgEncoderOptions.Regions).", nameof(options));
        }

        return regions;
    }
}
