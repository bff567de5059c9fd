using System.Buffers;
using System.Runtime.InteropServices;
using RegionCodec.Segmentation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Advanced;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.ImageSharp;

/// <summary>
/// Encodes any ImageSharp image to .rsg. Where the regions come from, first match wins:
/// <list type="number">
/// <item><see cref="Lossless"/>: one lossless region over the whole image (no segmentation);</item>
/// <item>an explicit <see cref="Labels"/> map with its <see cref="Regions"/> table;</item>
/// <item>the image's own <see cref="RsgMetadata"/> label map when it still fits the image (an image
/// loaded from .rsg keeps its regions when saved again), unless <see cref="PreserveRegions"/> is false;</item>
/// <item>the <see cref="Segmenter"/>, with <see cref="RegionQualities"/> applied by region name, or without them,
/// for segmenters other than the managed activity/perceptual ones, qualities from <see cref="RsgRateAllocator"/>
/// (file at most the size of one region at <see cref="Quality"/>, see <see cref="RoiWeight"/>);</item>
/// <item>one region at <see cref="Quality"/>.</item>
/// </list>
/// Strips are coded in parallel on up to the image's <see cref="Configuration.MaxDegreeOfParallelism"/>
/// threads; the bytes are the same for any setting.
/// </summary>
/// <remarks>
/// Alpha: images of a pixel type with an alpha channel (<see cref="PixelTypeInfo.AlphaRepresentation"/> not
/// <see cref="PixelAlphaRepresentation.None"/>) keep their alpha losslessly in the file's alpha plane when some pixel
/// is not fully opaque; an opaque image is stored without one (see <see cref="Alpha"/>). Colour channels are stored
/// as they are, not composited or premultiplied. Images of luminance pixel types (L8, L16, La16, La32), and colour
/// images whose R, G and B are equal in every pixel, are stored as gray (with their alpha) unless
/// <see cref="Grayscale"/> says otherwise. Only the root frame is encoded.
/// The image's ICC profile, EXIF and XMP are stored unless <see cref="IgnoreMetadata"/> is set, and region names always.
/// </remarks>
public sealed class RsgImageEncoder : IImageEncoder
{
    private readonly RsgEncoderOptions _options = RsgEncoderOptions.Default;

    /// <summary>
    /// The codec's encoder options (default <see cref="RsgEncoderOptions.Default"/>), so every codec option is
    /// available here; the properties below that mirror one of them (<see cref="Quality"/>, <see cref="Regions"/>,
    /// <see cref="Subsampling"/>, <see cref="QuantizationTables"/>, <see cref="Deblocking"/>, <see cref="AllowLargeImages"/>,
    /// <see cref="StripHeight"/>, <see cref="Alpha"/>) read and write it. Two of its values are replaced at encode time:
    /// <see cref="RsgEncoderOptions.MaxDegreeOfParallelism"/> by the image's <see cref="Configuration.MaxDegreeOfParallelism"/>,
    /// and <see cref="RsgEncoderOptions.Metadata"/> by the image's own profiles (none with <see cref="IgnoreMetadata"/>).
    /// Gray input is detected as <see cref="Grayscale"/> says; <see cref="RsgEncoderOptions.Grayscale"/> true converts colour to luma too.
    /// </summary>
    public RsgEncoderOptions Options
    {
        get => _options;
        init => _options = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// Quality 1..100 (default 75): the single region's quality when there is no label map, and the
    /// segmenter's target quality (<see cref="RsgSegmenterOptions.TargetQuality"/>).
    /// </summary>
    public int Quality
    {
        get => Options.Quality;
        init => Options = Options with { Quality = value };
    }

    /// <summary>
    /// Segments the image into regions when no explicit <see cref="Labels"/> are given. Any
    /// <see cref="IRsgSegmenter"/> works (managed ones in RegionCodec.Segmentation, OpenCV ones in
    /// RegionCodec.Segmentation.OpenCv). Default: the managed <see cref="PerceptualSegmenter"/> (quantization classes from a
    /// visual masking model, about the size of one region at <see cref="Quality"/>). Null: one region at <see cref="Quality"/>.
    /// </summary>
    public IRsgSegmenter? Segmenter { get; init; } = new PerceptualSegmenter();

    /// <summary>
    /// Qualities by region name (for example <c>{ ["foreground"] = 90, ["background"] = 30 }</c>),
    /// applied to the <see cref="Segmenter"/>'s result with <see cref="RsgSegmentation.WithQualities"/>;
    /// regions not named keep the segmenter's suggestion. A name the segmentation did not produce throws
    /// <see cref="ArgumentException"/> (a typo or a missing region would otherwise be silently ignored).
    /// </summary>
    public IReadOnlyDictionary<string, int>? RegionQualities { get; init; }

    /// <summary>
    /// How much more the most important region's error counts than the background's when the
    /// <see cref="Segmenter"/>'s regions are rate-allocated (default <see cref="RsgRateAllocator.DefaultRoiWeight"/>;
    /// see <see cref="RsgRateAllocator.DefaultWeights"/>). Must be positive.
    /// </summary>
    public double RoiWeight { get; init; } = RsgRateAllocator.DefaultRoiWeight;

    /// <summary>
    /// An explicit label map (one label per cell; build one with <see cref="RsgMasks"/>). It must cover
    /// the image being encoded, and <see cref="Regions"/> must have an entry for every label it uses.
    /// </summary>
    public RsgLabelMap? Labels { get; init; }

    /// <summary>The region table (indexed by label) for <see cref="Labels"/>.</summary>
    public IReadOnlyList<RsgRegion>? Regions
    {
        get => Options.Regions;
        init => Options = Options with { Regions = value };
    }

    /// <summary>
    /// Reuse the label map and region table of the image's <see cref="RsgMetadata"/> when it fits the
    /// image's size (default true). Set false to segment again.
    /// </summary>
    public bool PreserveRegions { get; init; } = true;

    /// <summary>
    /// Code the whole image losslessly (default false): one <see cref="RsgRegionMode.Lossless"/> region, no segmentation,
    /// every sample decoded exactly (see <see cref="RsgEncoderOptions.Lossless"/>); gray and alpha as for any encode.
    /// It cannot be combined with <see cref="Labels"/>.
    /// </summary>
    public bool Lossless { get; init; }

    /// <summary>Mask cell side in pixels, 1, 2, 4 or 8 (default 8), passed to the segmenter.</summary>
    public int MaskCellSize { get; init; } = 8;

    /// <summary>Chroma resolution (default 4:2:0). <see cref="RsgChromaSubsampling.Yuv444"/> keeps full-resolution colour.</summary>
    public RsgChromaSubsampling Subsampling
    {
        get => Options.Subsampling;
        init => Options = Options with { Subsampling = value };
    }

    /// <summary>Base quantization tables (default <see cref="RsgQuantizationTables.Tilted"/>; see <see cref="RsgEncoderOptions.QuantizationTables"/>).</summary>
    public RsgQuantizationTables QuantizationTables
    {
        get => Options.QuantizationTables;
        init => Options = Options with { QuantizationTables = value };
    }

    /// <summary>Ask decoders to run the deblocking filter (default true; see <see cref="RsgEncoderOptions.Deblocking"/>).</summary>
    public bool Deblocking
    {
        get => Options.Deblocking;
        init => Options = Options with { Deblocking = value };
    }

    /// <summary>
    /// Leave out the image's ICC profile, EXIF and XMP (default false: they are written as the iCCP, eXIf and xMPp
    /// chunks, except a profile the format's decoders would ignore as malformed). Region names are always kept.
    /// </summary>
    public bool IgnoreMetadata { get; init; }

    /// <summary>Encode images beyond the default decoder limits (see <see cref="RsgEncoderOptions.AllowLargeImages"/>; default false).</summary>
    public bool AllowLargeImages
    {
        get => Options.AllowLargeImages;
        init => Options = Options with { AllowLargeImages = value };
    }

    /// <summary>
    /// True stores gray, false colour; null (default) stores gray for luminance pixel types and for colour images whose
    /// R, G and B are equal in every pixel (<see cref="RsgGrayInput.IsGray"/>: one pass, smaller file, same decoded
    /// values). Set false to keep such an image colour.
    /// </summary>
    public bool? Grayscale { get; init; }

    /// <summary>Image rows per strip; 0 (default) lets the codec choose (about one megapixel per strip).</summary>
    public int StripHeight
    {
        get => Options.StripHeight;
        init => Options = Options with { StripHeight = value };
    }

    /// <summary>
    /// What to do with the alpha of pixel types that have one (default <see cref="RsgAlphaMode.Auto"/>: stored
    /// losslessly when some pixel is not opaque; see <see cref="RsgEncoderOptions.Alpha"/>).
    /// </summary>
    public RsgAlphaMode Alpha
    {
        get => Options.Alpha;
        init => Options = Options with { Alpha = value };
    }

    /// <inheritdoc/>
    public void Encode<TPixel>(Image<TPixel> image, Stream stream)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(stream);
        using var pixels = new PackedPixels<TPixel>(image, IsGray<TPixel>(), KeepsAlpha(image), detectGray: Grayscale is null);
        (RsgEncoderOptions options, RsgLabelMap? labels, byte[]? allocated) = Plan(image, pixels, CancellationToken.None);
        if (allocated is not null)
        {
            stream.Write(allocated);
            return;
        }

        RsgEncoder.Encode(pixels.Span, image.Width, image.Height, pixels.Stride, pixels.Format, stream, options, labels);
    }

    /// <inheritdoc/>
    /// <remarks>Encodes on the calling thread into memory (checking the token between strips), then writes asynchronously.</remarks>
    public async Task EncodeAsync<TPixel>(Image<TPixel> image, Stream stream, CancellationToken cancellationToken)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(stream);
        cancellationToken.ThrowIfCancellationRequested();
        var output = new ArrayBufferWriter<byte>(1 << 16);
        using (var pixels = new PackedPixels<TPixel>(image, IsGray<TPixel>(), KeepsAlpha(image), detectGray: Grayscale is null))
        {
            (RsgEncoderOptions options, RsgLabelMap? labels, byte[]? allocated) = Plan(image, pixels, cancellationToken);
            if (allocated is not null)
            {
                output.Write(allocated);
            }
            else
            {
                RsgEncoder.Encode(pixels.Span, image.Width, image.Height, pixels.Stride, pixels.Format, output, options, labels, cancellationToken);
            }
        }

        await stream.WriteAsync(output.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether the pixel type may carry alpha that the file should keep (the codec then skips an all-opaque one).
    /// ImageSharp 2.1 leaves <see cref="PixelTypeInfo.AlphaRepresentation"/> unset (null) for its own types, so
    /// unset means "may have alpha" except for the common types known to have none.
    /// </summary>
    private bool KeepsAlpha<TPixel>(Image<TPixel> image)
        where TPixel : unmanaged, IPixel<TPixel> =>
        Alpha != RsgAlphaMode.Drop && image.PixelType.AlphaRepresentation switch
        {
            PixelAlphaRepresentation.None => false,
            null => !(typeof(TPixel) == typeof(L8) || typeof(TPixel) == typeof(L16) || typeof(TPixel) == typeof(Rgb24)
                || typeof(TPixel) == typeof(Bgr24) || typeof(TPixel) == typeof(Rgb48) || typeof(TPixel) == typeof(Bgr565)),
            _ => true,
        };

    private bool IsGray<TPixel>()
        where TPixel : unmanaged, IPixel<TPixel> =>
        Grayscale ?? (typeof(TPixel) == typeof(L8) || typeof(TPixel) == typeof(L16) || typeof(TPixel) == typeof(La16) || typeof(TPixel) == typeof(La32));

    /// <summary>The encoder options and label map, or, when the regions are rate-allocated, the allocator's finished file.</summary>
    private (RsgEncoderOptions Options, RsgLabelMap? Labels, byte[]? Allocated) Plan<TPixel>(Image<TPixel> image, PackedPixels<TPixel> pixels, CancellationToken cancellationToken)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        if (Quality is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(Quality), Quality, "Quality must be 1..100.");
        }

        IReadOnlyList<RsgRegion>? regions = null;
        RsgLabelMap? labels = null;
        if (Lossless)
        {
            if (Labels is not null || Regions is not null)
            {
                throw new ArgumentException("Lossless codes one lossless region over the whole image; it takes no Labels or Regions.", nameof(Lossless));
            }

            regions = RsgEncoderOptions.Lossless().Regions;
        }
        else if (Labels is not null)
        {
            labels = Labels;
            regions = Regions ?? throw new ArgumentException("An explicit label map needs a region table (Regions).", nameof(Regions));
        }
        else if (Regions is not null)
        {
            throw new ArgumentException("Regions were given without a label map (Labels).", nameof(Regions));
        }
        else if (PreserveRegions && image.Metadata.GetRsgMetadata() is { Labels: { } kept } metadata && kept.Fits(image.Width, image.Height) && metadata.Regions.Count > 0)
        {
            labels = kept;
            regions = metadata.Regions;
        }
        else if (Segmenter is not null)
        {
            RsgSegmentation segmentation = Segmenter.Segment(pixels.Span, image.Width, image.Height, pixels.Stride, pixels.Format,
                new RsgSegmenterOptions { CellSize = MaskCellSize, TargetQuality = Quality, CancellationToken = cancellationToken, MaxDegreeOfParallelism = image.GetConfiguration().MaxDegreeOfParallelism });
            if (RegionQualities is null)
            {
                // The lossless graphics region stays only where it does not make the file larger (GraphicsRegionChoice).
                segmentation = GraphicsRegionChoice.KeepIfItPays(pixels.Span, image.Width, image.Height, pixels.Stride, pixels.Format, segmentation, Quality,
                    With(segmentation.Regions), cancellationToken);
            }

            if (RegionQualities is not null)
            {
                ThrowIfUnknownRegions(RegionQualities, segmentation.RegionNames);
                segmentation = segmentation.WithQualities(RegionQualities);
            }
            else if (RsgRateAllocator.AllocatesFor(segmentation))
            {
                RsgRateAllocation allocation = RsgRateAllocator.Allocate(pixels.Span, image.Width, image.Height, pixels.Stride, pixels.Format,
                    segmentation.Labels, RsgRateAllocator.DefaultWeights(segmentation.Regions.Count, RoiWeight), With(segmentation.Regions),
                    RsgRateTarget.SizeOfOneRegionAt(Quality), cancellationToken);
                return (With(allocation.Regions), segmentation.Labels, allocation.Bytes);
            }

            labels = segmentation.Labels;
            regions = segmentation.Regions;
        }
        else if (MaskCellSize != 8)
        {
            labels = RsgLabelMap.Uniform(image.Width, image.Height, MaskCellSize);
            regions = [new RsgRegion(Quality)];
        }

        return (With(regions), labels, null);

        RsgEncoderOptions With(IReadOnlyList<RsgRegion>? table) => Options with
        {
            Regions = table,
            MaxDegreeOfParallelism = image.GetConfiguration().MaxDegreeOfParallelism,
            Metadata = IgnoreMetadata ? null : RsgProfiles.FromImage(image.Metadata),
        };
    }

    /// <summary>
    /// The image as packed 8-bit samples the codec reads: the image's own memory for L8, La16, Rgb24, Bgr24,
    /// Rgba32 and Bgra32 images held in one buffer, otherwise a converted copy (Gray8 or Rgb24, or GrayAlpha16 or
    /// Rgba32 when the alpha may be kept) from the image's allocator. Whether alpha is stored is then the codec's
    /// <see cref="RsgEncoderOptions.Alpha"/> decision.
    /// </summary>
    private sealed class PackedPixels<TPixel> : IDisposable
        where TPixel : unmanaged, IPixel<TPixel>
    {
        private IMemoryOwner<byte>? _owner;
        private Memory<TPixel> _direct;

        /// <param name="image">The image.</param>
        /// <param name="gray">Pack luma (one byte per pixel, two with alpha) rather than colour.</param>
        /// <param name="alpha">Keep the alpha channel, for the codec's <see cref="RsgEncoderOptions.Alpha"/> decision.</param>
        /// <param name="detectGray">When packing colour, switch to gray (alpha kept) if R = G = B in every pixel.</param>
        public PackedPixels(Image<TPixel> image, bool gray, bool alpha, bool detectGray)
        {
            Pack(image, gray, alpha);
            if (detectGray && !Format.IsGray() && RsgGrayInput.IsGray(Span, image.Width, image.Height, Stride, Format))
            {
                RsgPixelFormat format = RsgGrayInput.GrayFormatFor(Format);
                int stride = image.Width * format.BytesPerPixel();
                IMemoryOwner<byte> levels = image.GetConfiguration().MemoryAllocator.Allocate<byte>(checked(stride * image.Height));
                RsgGrayInput.CopyGray(Span, image.Width, image.Height, Stride, Format, levels.Memory.Span);
                _owner?.Dispose();
                (_owner, _direct, Format, Stride) = (levels, default, format, stride);
            }
        }

        private void Pack(Image<TPixel> image, bool gray, bool alpha)
        {
            int width = image.Width, height = image.Height;
            RsgPixelFormat? direct = gray
                ? (typeof(TPixel) == typeof(L8) ? RsgPixelFormat.Gray8 : typeof(TPixel) == typeof(La16) ? RsgPixelFormat.GrayAlpha16 : null)
                : typeof(TPixel) == typeof(Rgb24) ? RsgPixelFormat.Rgb24
                : typeof(TPixel) == typeof(Bgr24) ? RsgPixelFormat.Bgr24
                : typeof(TPixel) == typeof(Rgba32) ? RsgPixelFormat.Rgba32
                : typeof(TPixel) == typeof(Bgra32) ? RsgPixelFormat.Bgra32
                : null;
            if (direct is { } format && image.DangerousTryGetSinglePixelMemory(out Memory<TPixel> memory))
            {
                _direct = memory;
                Format = format;
                Stride = width * format.BytesPerPixel();
                return;
            }

            Format = (gray, alpha) switch
            {
                (true, false) => RsgPixelFormat.Gray8,
                (true, true) => RsgPixelFormat.GrayAlpha16,
                (false, false) => RsgPixelFormat.Rgb24,
                (false, true) => RsgPixelFormat.Rgba32,
            };
            Stride = width * Format.BytesPerPixel();
            Configuration configuration = image.GetConfiguration();
            _owner = configuration.MemoryAllocator.Allocate<byte>(checked(Stride * height));
            Span<byte> packed = _owner.Memory.Span;
            PixelOperations<TPixel> operations = PixelOperations<TPixel>.Instance;
            for (int y = 0; y < height; y++)
            {
                Span<TPixel> row = image.DangerousGetPixelRowMemory(y).Span;
                Span<byte> destination = packed.Slice(y * Stride, Stride);
                switch (Format)
                {
                    case RsgPixelFormat.Gray8:
                        operations.ToL8Bytes(configuration, row, destination, width);
                        break;
                    case RsgPixelFormat.GrayAlpha16:
                        operations.ToLa16Bytes(configuration, row, destination, width);
                        break;
                    case RsgPixelFormat.Rgba32:
                        operations.ToRgba32Bytes(configuration, row, destination, width);
                        break;
                    default:
                        operations.ToRgb24Bytes(configuration, row, destination, width);
                        break;
                }
            }
        }

        public RsgPixelFormat Format { get; private set; }

        public int Stride { get; private set; }

        public ReadOnlySpan<byte> Span => _owner is not null ? _owner.Memory.Span : MemoryMarshal.AsBytes(_direct.Span);

        public void Dispose() => _owner?.Dispose();
    }

    /// <summary>A quality for a region the segmentation did not produce would be silently ignored: refuse it instead.</summary>
    private static void ThrowIfUnknownRegions(IReadOnlyDictionary<string, int> qualities, IReadOnlyList<string> regionNames)
    {
        foreach (string name in qualities.Keys)
        {
            if (!regionNames.Contains(name))
            {
                throw new ArgumentException(
                    $"RegionQualities names '{name}', but this image's segmentation has the regions {string.Join(", ", regionNames)}.", nameof(RegionQualities));
            }
        }
    }
}
