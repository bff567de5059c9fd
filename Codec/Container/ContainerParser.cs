using System.Buffers.Binary;

namespace RegionCodec.Container;

/// <summary>
/// The chunk-order state machine shared by every decode path (spec/rsg.md §3.3): RHDR first, RTAB
/// once before any strip, strips in sequence, REND last; ancillary chunks skipped anywhere between.
/// It is fed whole, CRC-checked chunks and reports what each one was. The metadata chunks (§3.3, §4.8–§4.11)
/// go to a <see cref="MetadataReader"/>; <see cref="Info"/> is complete, names and metadata included,
/// once the first STRP chunk's head has been read.
/// </summary>
internal sealed class ContainerParser
{
    private readonly RsgDecoderOptions _options;
    private readonly MetadataReader _metadata = new();

    public ContainerParser(RsgDecoderOptions options) => _options = options;

    public FrameHeader? Header { get; private set; }

    public RsgRegion[]? Regions { get; private set; }

    /// <summary>Header, named region table and metadata; set at the first STRP chunk's head, when no metadata can follow.</summary>
    public RsgImageInfo? Info { get; private set; }

    public int NextStrip { get; private set; }

    /// <summary>True from a STRP chunk of an image with alpha until its ALPH chunk (spec/rsg.md §3.3).</summary>
    public bool AwaitingAlpha { get; private set; }

    /// <summary>True from a STRP chunk of an image with a lossless region until its LOSS chunk (spec/rsg.md §3.3).</summary>
    public bool AwaitingLossless { get; private set; }

    /// <summary>True when the region table has a lossless region, so every STRP is followed by a LOSS chunk.</summary>
    public bool HasLossless { get; private set; }

    public bool IsComplete { get; private set; }

    /// <summary>
    /// The most data a chunk of <paramref name="type"/> may carry now; checked against its declared
    /// length before any of its data is buffered.
    /// </summary>
    public long MaxLength(uint type, long offset)
    {
        if (!ChunkType.IsValid(type))
        {
            ThrowHelper.Format(RsgError.BadChunkType, offset + 4, $"chunk type bytes 0x{type:X8} are not ASCII letters");
        }

        if (Header is null && type != ChunkType.Header)
        {
            ThrowHelper.Format(RsgError.ChunkOrder, offset, $"first chunk is '{ChunkType.ToText(type)}', not RHDR");
        }

        return type switch
        {
            ChunkType.Header => RsgConstants.HeaderChunkLength,
            ChunkType.RegionTable => 2 * (Header?.RegionCount ?? 0),
            ChunkType.Strip => Header is null || NextStrip >= Header.StripCount ? 4 : Header.MaxStripChunkLength(NextStrip),
            ChunkType.End => 0,
            ChunkType.Alpha => AlphaLimit(offset),
            ChunkType.Lossless => LosslessLimit(offset),
            _ when !ChunkType.IsCritical(type) => RsgConstants.MaxAncillaryChunkLength,
            _ => UnknownCritical(type, offset),
        };
    }

    /// <summary>
    /// Called with each chunk head once its length passed <see cref="MaxLength"/>: at the first STRP the
    /// metadata is final (later metadata chunks are ignored), so <see cref="Info"/> is built then, before
    /// any pixel is decoded.
    /// </summary>
    public void OnChunkHead(uint type)
    {
        if (type == ChunkType.Strip)
        {
            CompleteInfo();
        }
    }

    /// <summary>
    /// An ALPH chunk is only expected right after a STRP chunk of an image with alpha; anywhere else its
    /// place, not its length, is wrong (R6), so that is reported before its length is looked at.
    /// </summary>
    private long AlphaLimit(long offset)
    {
        if (!Header!.HasAlpha)
        {
            ThrowHelper.Format(RsgError.ChunkOrder, offset, "ALPH chunk in an image without the alpha flag");
        }

        if (!AwaitingAlpha)
        {
            ThrowHelper.Format(RsgError.ChunkOrder, offset, $"ALPH chunk where no strip awaits its alpha plane ({NextStrip} strips read)");
        }

        if (AwaitingLossless)
        {
            ThrowHelper.Format(RsgError.ChunkOrder, offset, $"ALPH chunk where the LOSS chunk of strip {NextStrip - 1} was expected");
        }

        return Header.MaxAlphaChunkLength(NextStrip - 1);
    }

    /// <summary>
    /// A LOSS chunk is only expected right after a STRP chunk of an image with a lossless region (before its
    /// ALPH); anywhere else its place is wrong (R6), reported before its length is looked at.
    /// </summary>
    private long LosslessLimit(long offset)
    {
        if (Regions is null || !HasLossless)
        {
            ThrowHelper.Format(RsgError.ChunkOrder, offset, "LOSS chunk in an image without a lossless region");
        }

        if (!AwaitingLossless)
        {
            ThrowHelper.Format(RsgError.ChunkOrder, offset, $"LOSS chunk where no strip awaits its lossless samples ({NextStrip} strips read)");
        }

        return Header!.MaxLosslessChunkLength(NextStrip - 1);
    }

    /// <summary>Takes one chunk (its CRC already checked). Returns the strip index for a STRP, LOSS or ALPH chunk, else -1.</summary>
    public int Accept(uint type, ReadOnlySpan<byte> data, long offset)
    {
        long dataOffset = offset + 8;
        switch (type)
        {
            case ChunkType.Header:
                if (Header is not null)
                {
                    ThrowHelper.Format(RsgError.ChunkOrder, offset, "a second RHDR chunk");
                }

                Header = FrameHeader.Parse(data, dataOffset);
                CheckLimits(Header, dataOffset);
                return -1;

            case ChunkType.RegionTable:
                if (Regions is not null)
                {
                    ThrowHelper.Format(RsgError.ChunkOrder, offset, "a second RTAB chunk");
                }

                RequireLength(data, 2 * Header!.RegionCount, dataOffset, "RTAB");
                Regions = ParseRegions(data, dataOffset);
                HasLossless = Lossless.LosslessRegions.Any(Regions);
                return -1;

            case ChunkType.Strip:
                if (Regions is null)
                {
                    ThrowHelper.Format(RsgError.ChunkOrder, offset, "STRP before RTAB");
                }

                RequireAlphaRead(offset, "STRP");
                if (NextStrip >= Header!.StripCount)
                {
                    ThrowHelper.Format(RsgError.ChunkOrder, offset, $"more than the {Header.StripCount} strips the header implies");
                }

                if (data.Length < 4)
                {
                    ThrowHelper.Format(RsgError.BadChunkLength, offset, "STRP shorter than its 4-byte index");
                }

                CompleteInfo();
                uint index = BinaryPrimitives.ReadUInt32BigEndian(data);
                if (index != NextStrip)
                {
                    ThrowHelper.Format(RsgError.ChunkOrder, dataOffset, $"strip {index} where strip {NextStrip} was expected");
                }

                AwaitingAlpha = Header.HasAlpha;
                AwaitingLossless = HasLossless;
                return NextStrip++;

            case ChunkType.Lossless:
                // MaxLength already checked that a strip awaits its lossless samples.
                CheckStripCompanion("LOSS", data, offset, dataOffset);
                AwaitingLossless = false;
                return NextStrip - 1;

            case ChunkType.Alpha:
                // MaxLength already checked the flag and that a strip awaits its alpha plane.
                CheckStripCompanion("ALPH", data, offset, dataOffset);
                AwaitingAlpha = false;
                return NextStrip - 1;

            case ChunkType.End:
                RequireAlphaRead(offset, "REND");
                if (Regions is null || NextStrip != Header!.StripCount)
                {
                    ThrowHelper.Format(RsgError.ChunkOrder, offset, $"REND after {NextStrip} of {Header?.StripCount ?? 0} strips");
                }

                IsComplete = true;
                return -1;

            default:
                if (MetadataReader.IsMetadata(type))
                {
                    _metadata.Accept(type, data, Regions?.Length, stripsStarted: NextStrip > 0);
                }

                return -1;
        }
    }

    private void CompleteInfo()
    {
        if (Info is not null || Regions is null)
        {
            return;
        }

        if (_metadata.Names is { } names)
        {
            for (int i = 0; i < Regions.Length; i++)
            {
                Regions[i] = Regions[i] with { Name = names[i] };
            }
        }

        Info = new RsgImageInfo(Header!, Regions, _metadata.Build());
    }

    /// <summary>The critical chunks after a STRP must be its LOSS (with a lossless region), then its ALPH (with alpha) (R6).</summary>
    /// <summary>
    /// The 4-byte strip index that opens an <c>ALPH</c> or <c>LOSS</c> chunk: the chunk must be at least that long (R7) and
    /// belong to the strip just read (R6).
    /// </summary>
    private void CheckStripCompanion(string name, ReadOnlySpan<byte> data, long offset, long dataOffset)
    {
        if (data.Length < 4)
        {
            ThrowHelper.Format(RsgError.BadChunkLength, offset, $"{name} shorter than its 4-byte strip index");
        }

        uint index = BinaryPrimitives.ReadUInt32BigEndian(data);
        if (index != NextStrip - 1)
        {
            ThrowHelper.Format(RsgError.ChunkOrder, dataOffset, $"{name} of strip {index} where strip {NextStrip - 1}'s was expected");
        }
    }

    private void RequireAlphaRead(long offset, string name)
    {
        if (AwaitingLossless)
        {
            ThrowHelper.Format(RsgError.ChunkOrder, offset, $"{name} where the LOSS chunk of strip {NextStrip - 1} was expected");
        }

        if (AwaitingAlpha)
        {
            ThrowHelper.Format(RsgError.ChunkOrder, offset, $"{name} where the ALPH chunk of strip {NextStrip - 1} was expected");
        }
    }

    private void CheckLimits(FrameHeader header, long offset)
    {
        if (header.Width > _options.MaxWidth || header.Height > _options.MaxHeight)
        {
            ThrowHelper.Format(RsgError.LimitExceeded, offset + 1,
                $"{header.Width}x{header.Height} exceeds this decoder's limit of {_options.MaxWidth}x{_options.MaxHeight} pixels");
        }

        if ((long)header.Width * header.Height > _options.MaxPixels)
        {
            ThrowHelper.Format(RsgError.LimitExceeded, offset + 1,
                $"{header.Width}x{header.Height} ({(long)header.Width * header.Height} pixels) exceeds this decoder's limit of {_options.MaxPixels} pixels");
        }
    }

    private static RsgRegion[] ParseRegions(ReadOnlySpan<byte> data, long offset)
    {
        var regions = new RsgRegion[data.Length / 2];
        for (int i = 0; i < regions.Length; i++)
        {
            int quality = data[2 * i], mode = data[(2 * i) + 1];
            if (quality is < 1 or > 100)
            {
                ThrowHelper.Format(RsgError.BadRegionTable, offset + (2 * i), $"region {i} quality {quality} outside 1..100");
            }

            if (mode > 2)
            {
                ThrowHelper.Format(RsgError.BadRegionTable, offset + (2 * i) + 1, $"region {i} mode {mode} is unknown");
            }

            regions[i] = new RsgRegion(quality, (RsgRegionMode)mode);
        }

        return regions;
    }

    private static void RequireLength(ReadOnlySpan<byte> data, int expected, long offset, string name)
    {
        if (data.Length != expected)
        {
            ThrowHelper.Format(RsgError.BadChunkLength, offset, $"{name} must be {expected} bytes, not {data.Length}");
        }
    }

    private static long UnknownCritical(uint type, long offset)
    {
        ThrowHelper.Format(RsgError.UnknownCriticalChunk, offset + 4, $"unknown critical chunk '{ChunkType.ToText(type)}'");
        return 0;
    }
}
