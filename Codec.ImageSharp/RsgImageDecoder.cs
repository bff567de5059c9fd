using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Advanced;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.PixelFormats;

namespace RegionCodec.ImageSharp;

/// <summary>
/// Decodes .rsg into any ImageSharp pixel type. The image buffer comes from
/// <see cref="Configuration.MemoryAllocator"/>; strips are decoded in parallel on up to
/// <see cref="Configuration.MaxDegreeOfParallelism"/> threads; the cancellation token is checked between
/// strips. Files with an alpha plane decode with their exact alpha (into any pixel type that has alpha; other
/// types just drop it, nothing is composited). The region table, names and label map go to
/// <c>image.Metadata.GetRsgMetadata()</c>; the file's ICC profile, EXIF and XMP to
/// <c>image.Metadata.IccProfile</c>, <c>ExifProfile</c> and <c>XmpProfile</c> (null when the file has none).
/// </summary>
/// <remarks>
/// Errors: corrupt, truncated or over-limit files give <see cref="InvalidImageContentException"/> whose
/// <see cref="Exception.InnerException"/> is the codec's <see cref="RsgFormatException"/> (offset, rule, reason);
/// an image the memory allocator refuses gives <see cref="InvalidImageContentException"/> too.
/// </remarks>
public sealed class RsgImageDecoder : IImageDecoder, IImageInfoDetector
{
    private readonly RsgDecoderOptions _options = RsgDecoderOptions.Default;

    /// <summary>
    /// The codec's decoder options: limits (checked before any image-sized allocation) and anything the codec adds
    /// later. <see cref="RsgDecoderOptions.MaxDegreeOfParallelism"/> is replaced by the configuration's
    /// <see cref="Configuration.MaxDegreeOfParallelism"/>. Default <see cref="RsgDecoderOptions.Default"/>.
    /// </summary>
    public RsgDecoderOptions Options
    {
        get => _options;
        init => _options = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Largest accepted width (default 1,048,576): <see cref="Options"/>' <see cref="RsgDecoderOptions.MaxWidth"/>.</summary>
    public int MaxWidth
    {
        get => Options.MaxWidth;
        init => Options = Options with { MaxWidth = value };
    }

    /// <summary>Largest accepted height (default 1,048,576): <see cref="Options"/>' <see cref="RsgDecoderOptions.MaxHeight"/>.</summary>
    public int MaxHeight
    {
        get => Options.MaxHeight;
        init => Options = Options with { MaxHeight = value };
    }

    /// <summary>Largest accepted pixel count (default 2^28): <see cref="Options"/>' <see cref="RsgDecoderOptions.MaxPixels"/>.</summary>
    public long MaxPixels
    {
        get => Options.MaxPixels;
        init => Options = Options with { MaxPixels = value };
    }

    /// <inheritdoc/>
    public Image<TPixel> Decode<TPixel>(Configuration configuration, Stream stream, CancellationToken cancellationToken)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(stream);
        cancellationToken.ThrowIfCancellationRequested();
        RsgDecoderOptions options = OptionsFor(configuration);
        try
        {
            return stream.CanSeek && stream.Length - stream.Position <= Array.MaxLength
                ? DecodeBuffered<TPixel>(configuration, stream, options, cancellationToken)
                : DecodeStreaming<TPixel>(configuration, stream, options, cancellationToken);
        }
        catch (RsgFormatException e)
        {
            throw Invalid(e);
        }
        catch (InvalidMemoryOperationException e)
        {
            throw new InvalidImageContentException($"Cannot allocate the .rsg image: {e.Message}", e);
        }
    }

    /// <summary>
    /// Decodes to <see cref="Image{Rgb24}"/> for colour files and <see cref="Image{L8}"/> for gray ones, or with an
    /// alpha plane to <see cref="Image{Rgba32}"/> and <see cref="Image{La16}"/>.
    /// </summary>
    public Image Decode(Configuration configuration, Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            // The pixel type depends on the header, so the stream must be read twice (ImageSharp itself
            // never gets here: it hands decoders seekable streams).
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }

        long start = stream.Position;
        RsgImageInfo info = IdentifyCore(configuration, stream, cancellationToken);
        stream.Position = start;
        return info.PixelFormat switch
        {
            RsgPixelFormat.Gray8 => Decode<L8>(configuration, stream, cancellationToken),
            RsgPixelFormat.GrayAlpha16 => Decode<La16>(configuration, stream, cancellationToken),
            RsgPixelFormat.Rgba32 => Decode<Rgba32>(configuration, stream, cancellationToken),
            _ => Decode<Rgb24>(configuration, stream, cancellationToken),
        };
    }

    /// <summary>
    /// Reads only what precedes the first strip: size, pixel type (8-bit gray or 24-bit RGB; 16-bit gray + alpha or
    /// 32-bit RGBA with unassociated alpha when the file has an alpha plane), <see cref="RsgMetadata"/> without labels,
    /// and the ICC, EXIF and XMP profiles.
    /// </summary>
    public IImageInfo Identify(Configuration configuration, Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(stream);
        RsgImageInfo info = IdentifyCore(configuration, stream, cancellationToken);
        var metadata = new ImageMetadata();
        RsgMetadata.Fill(metadata.GetRsgMetadata(), info, labels: null);
        RsgProfiles.Apply(info.Metadata, metadata);
        return new IdentifiedImage(
            new PixelTypeInfo(info.PixelFormat.BytesPerPixel() * 8, info.HasAlpha ? PixelAlphaRepresentation.Unassociated : PixelAlphaRepresentation.None),
            info.Width,
            info.Height,
            metadata);
    }

    private RsgImageInfo IdentifyCore(Configuration configuration, Stream stream, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return RsgDecoder.Identify(stream, OptionsFor(configuration));
        }
        catch (RsgFormatException e)
        {
            throw Invalid(e);
        }
    }

    /// <summary>The codec options with ImageSharp's parallelism.</summary>
    private RsgDecoderOptions OptionsFor(Configuration configuration) =>
        Options with { MaxDegreeOfParallelism = configuration.MaxDegreeOfParallelism };

    private static InvalidImageContentException Invalid(RsgFormatException e) => new(e.Message, e);

    /// <summary>
    /// The usual path (ImageSharp always hands decoders a seekable stream): the file is read into a buffer
    /// from the configuration's allocator and fully validated (framing, CRCs, chunk order, limits) before
    /// the image is allocated, so a truncated file declaring a huge image allocates nothing image-sized;
    /// then its strips are decoded in parallel and converted row by row into the image (no full-size
    /// temporary: each decoding thread holds one strip).
    /// </summary>
    private static Image<TPixel> DecodeBuffered<TPixel>(Configuration configuration, Stream stream, RsgDecoderOptions options, CancellationToken cancellationToken)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        int length = (int)(stream.Length - stream.Position);
        using IMemoryOwner<byte> file = configuration.MemoryAllocator.Allocate<byte>(Math.Max(length, 1));
        Memory<byte> data = file.Memory[..length];
        int filled = 0;
        while (filled < length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int read = stream.Read(data.Span[filled..]);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        // Strips are decoded in parallel, each converted straight into its rows of the image (disjoint
        // rows, so the sink needs no locking); the image is allocated only after the whole file checked out.
        return DecodeIntoImage<TPixel>(configuration, sink => RsgDecoder.Decode(data[..filled], sink, options, cancellationToken));
    }

    /// <summary>Non-seekable streams (only when this decoder is called directly): rows go straight into the image as strips arrive.</summary>
    private static Image<TPixel> DecodeStreaming<TPixel>(Configuration configuration, Stream stream, RsgDecoderOptions options, CancellationToken cancellationToken)
        where TPixel : unmanaged, IPixel<TPixel> =>
        DecodeIntoImage<TPixel>(configuration, sink => RsgDecoder.Decode(stream, sink, options, cancellationToken));

    /// <summary>Runs a codec decode into a sink that builds the image; the image is disposed if the decode fails.</summary>
    private static Image<TPixel> DecodeIntoImage<TPixel>(Configuration configuration, Func<IRsgRowSink, RsgImageInfo> decode)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        var sink = new ImageRowSink<TPixel>(configuration);
        try
        {
            RsgImageInfo info = decode(sink);
            Image<TPixel> image = sink.EnsureImage();
            RsgMetadata.Fill(image.Metadata.GetRsgMetadata(), info, sink.BuildLabels());
            RsgProfiles.Apply(info.Metadata, image.Metadata);
            return image;
        }
        catch
        {
            sink.Image?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Builds the image: decoded rows go straight into its pixel rows when <typeparamref name="TPixel"/> has the file's
    /// byte layout (L8, La16, Rgb24, Rgba32), else Gray8 / GrayAlpha16 / Rgb24 / Rgba32 rows are converted into it.
    /// </summary>
    private sealed class ImageRowSink<TPixel> : IRsgDirectRowSink
        where TPixel : unmanaged, IPixel<TPixel>
    {
        private readonly Configuration _configuration;
        private RsgImageInfo? _info;
        private RsgLabelMap? _labels;

        /// <summary>Whether the decoder may write rows straight into the image.</summary>
        private bool _direct;

        private readonly Lock _allocation = new();
        private Image<TPixel>? _image;

        public ImageRowSink(Configuration configuration) => _configuration = configuration;

        /// <summary>The image, once the first decoded strip has asked for it.</summary>
        public Image<TPixel>? Image => Volatile.Read(ref _image);

        public void OnInfo(RsgImageInfo info)
        {
            _info = info;
            _direct = SameLayout(info.PixelFormat);
            _labels = RsgLabelMap.ForDecoding(info);
        }

        /// <summary>
        /// Allocates the image when the first strip is ready for it rather than at the header: its constructor clears
        /// the whole buffer (every row gets written, but ImageSharp 2.1's only uncleared route, WrapMemory, gives an
        /// image that resizing and other cloning processors reject), and on a parallel decode that pass then runs
        /// while the other threads decode their strips instead of before any of them starts.
        /// </summary>
        public Image<TPixel> EnsureImage()
        {
            if (Volatile.Read(ref _image) is { } image)
            {
                return image;
            }

            lock (_allocation)
            {
                return _image ??= new Image<TPixel>(_configuration, _info!.Width, _info.Height);
            }
        }

        /// <summary>Whether <typeparamref name="TPixel"/> stores a pixel exactly as the decoder's <paramref name="format"/> does.</summary>
        private static bool SameLayout(RsgPixelFormat format) => format switch
        {
            RsgPixelFormat.Gray8 => typeof(TPixel) == typeof(L8),
            RsgPixelFormat.GrayAlpha16 => typeof(TPixel) == typeof(La16),
            RsgPixelFormat.Rgba32 => typeof(TPixel) == typeof(Rgba32),
            _ => typeof(TPixel) == typeof(Rgb24),
        };

        /// <summary>
        /// The rows as one span when they lie evenly spaced in one of the image's buffers (an allocator may split an
        /// image into several buffers; rows crossing a split go by <see cref="OnRows"/>).
        /// </summary>
        public Span<byte> GetRows(int firstRow, int rowCount, out int stride)
        {
            Image<TPixel> image = EnsureImage();
            int rowBytes = image.Width * Unsafe.SizeOf<TPixel>();
            stride = rowBytes;
            if (!_direct)
            {
                return default;
            }

            ref byte first = ref Unsafe.As<TPixel, byte>(ref MemoryMarshal.GetReference(image.DangerousGetPixelRowMemory(firstRow).Span));
            ref byte last = ref Unsafe.As<TPixel, byte>(ref MemoryMarshal.GetReference(image.DangerousGetPixelRowMemory(firstRow + rowCount - 1).Span));
            long span = ((long)rowCount - 1) * rowBytes;

            // Rows of one buffer are consecutive; rows of two buffers never are (they are separate allocations).
            return Unsafe.ByteOffset(ref first, ref last) == span
                ? MemoryMarshal.CreateSpan(ref first, (int)(span + rowBytes))
                : default;
        }

        public void OnRows(int firstRow, int rowCount, ReadOnlySpan<byte> pixels, int stride) =>
            WriteRows(firstRow, rowCount, pixels, stride, _info!.PixelFormat);

        public void OnMaskRows(int firstMaskRow, int rowCount, ReadOnlySpan<byte> labels) =>
            _labels!.CopyMaskRows(firstMaskRow, rowCount, labels);

        private void WriteRows(int firstRow, int rowCount, ReadOnlySpan<byte> pixels, int stride, RsgPixelFormat format)
        {
            Image<TPixel> image = EnsureImage();
            int width = image.Width;
            int rowBytes = width * format.BytesPerPixel();
            PixelOperations<TPixel> operations = PixelOperations<TPixel>.Instance;
            for (int r = 0; r < rowCount; r++)
            {
                Span<TPixel> row = image.DangerousGetPixelRowMemory(firstRow + r).Span;
                ReadOnlySpan<byte> source = pixels.Slice(r * stride, rowBytes);
                switch (format)
                {
                    case RsgPixelFormat.Gray8:
                        operations.FromL8Bytes(_configuration, source, row, width);
                        break;
                    case RsgPixelFormat.GrayAlpha16:
                        operations.FromLa16Bytes(_configuration, source, row, width);
                        break;
                    case RsgPixelFormat.Rgba32:
                        operations.FromRgba32Bytes(_configuration, source, row, width);
                        break;
                    default:
                        operations.FromRgb24Bytes(_configuration, source, row, width);
                        break;
                }
            }
        }

        public RsgLabelMap BuildLabels() => _labels!;
    }

    /// <summary>ImageSharp 2.1's <c>ImageInfo</c> is internal, so Identify returns this.</summary>
    private sealed class IdentifiedImage : IImageInfo
    {
        public IdentifiedImage(PixelTypeInfo pixelType, int width, int height, ImageMetadata metadata)
        {
            PixelType = pixelType;
            Width = width;
            Height = height;
            Metadata = metadata;
        }

        public PixelTypeInfo PixelType { get; }

        public int Width { get; }

        public int Height { get; }

        public ImageMetadata Metadata { get; }
    }
}
