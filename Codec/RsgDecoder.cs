using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.ExceptionServices;
using RegionCodec.Container;
using RegionCodec.Decoding;

namespace RegionCodec;

/// <summary>
/// Decodes .rsg files. Three paths give identical pixels: whole-buffer (strips in parallel),
/// synchronous <see cref="Stream"/> and asynchronous <see cref="PipeReader"/> (strip by strip as bytes arrive).
/// </summary>
public static partial class RsgDecoder
{
    /// <summary>Reads only what precedes the first strip: header, region table, region names and metadata.</summary>
    public static RsgImageInfo Identify(ReadOnlySpan<byte> data, RsgDecoderOptions? options = null)
    {
        // Pumped through a small window: only the bytes up to the first strip are copied, not the file.
        using var decoder = new StreamingDecoder(options ?? RsgDecoderOptions.Default, null, StreamingGoal.Info, default);
        var source = new SpanSource(data);
        Pump(ref source, decoder, default);
        return decoder.Info!;
    }

    /// <summary>
    /// Reads and checks the whole container without decoding any payload: the signature, every chunk's framing,
    /// length limit and CRC, the chunk order and the decoder's limits (spec/rsg.md §3.3), as a decode checks
    /// them before it allocates the image. Returns what <see cref="Identify(ReadOnlySpan{byte}, RsgDecoderOptions?)"/>
    /// returns. Its time is one CRC pass over the file; its memory does not grow with the pixel count. A file
    /// that passes may still hold a bad payload (R11, R12, R14), which only decoding finds.
    /// </summary>
    /// <exception cref="RsgFormatException">The container breaks a rule of §3.3 or a limit.</exception>
    public static RsgImageInfo CheckContainer(ReadOnlyMemory<byte> data, RsgDecoderOptions? options = null) =>
        ContainerIndex.Read(data, options ?? RsgDecoderOptions.Default).Info;

    /// <summary>Reads only what precedes the first strip (header, region table, names, metadata) from <paramref name="stream"/> (it may read ahead past it).</summary>
    public static RsgImageInfo Identify(Stream stream, RsgDecoderOptions? options = null)
    {
        using var decoder = new StreamingDecoder(options ?? RsgDecoderOptions.Default, null, StreamingGoal.Info, default);
        var source = new StreamSource(stream);
        Pump(ref source, decoder, default);
        return decoder.Info!;
    }

    /// <summary>Decodes a whole file held in memory, strips in parallel.</summary>
    public static RsgImage Decode(ReadOnlyMemory<byte> data, RsgDecoderOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= RsgDecoderOptions.Default;
        ContainerIndex index = ContainerIndex.Read(data, options);
        FrameHeader h = index.Header;
        ImageBuilderSink.CheckFitsInArrays(h);
        byte[] pixels = new byte[(long)h.RowBytes * h.Height];
        byte[] labels = new byte[(long)h.MaskWidth * h.MaskHeight];
        DecodeStrips(data, index, pixels, h.RowBytes, labels, options, cancellationToken);
        return new RsgImage(index.Info, pixels, new RsgLabelMap(h.MaskWidth, h.MaskHeight, h.MaskCellSize, labels));
    }

    /// <summary>
    /// Decodes a whole file into the caller's buffer (<see cref="RsgImageInfo.PixelFormat"/> samples,
    /// row r at <c>r * stride</c>), strips in parallel. Returns the image's info.
    /// </summary>
    public static RsgImageInfo DecodeInto(ReadOnlyMemory<byte> data, Memory<byte> destination, int stride,
        RsgDecoderOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= RsgDecoderOptions.Default;
        ContainerIndex index = ContainerIndex.Read(data, options);
        FrameHeader h = index.Header;
        int rowBytes = h.RowBytes;
        if (stride < rowBytes || destination.Length < ((long)stride * (h.Height - 1)) + rowBytes)
        {
            throw new ArgumentException($"Destination too small for {h.Width}x{h.Height} with stride {stride}.", nameof(destination));
        }

        DecodeStrips(data, index, destination, stride, Memory<byte>.Empty, options, cancellationToken);
        return index.Info;
    }

    /// <summary>
    /// Decodes a whole file held in memory, strips in parallel, handing each strip's rows to
    /// <paramref name="sink"/>. The whole container (framing, CRCs, order, limits) is checked before the
    /// first strip is decoded. <see cref="IRsgRowSink.OnInfo"/> comes first, on the calling thread; then
    /// <see cref="IRsgRowSink.OnRows"/> and <see cref="IRsgRowSink.OnMaskRows"/> come strip by strip, possibly
    /// concurrently and out of order from several threads (never twice for the same rows), so the sink
    /// must accept disjoint rows from different threads at once.
    /// </summary>
    public static RsgImageInfo Decode(ReadOnlyMemory<byte> data, IRsgRowSink sink, RsgDecoderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        options ??= RsgDecoderOptions.Default;
        ContainerIndex index = ContainerIndex.Read(data, options);
        sink.OnInfo(index.Info);
        ForEachStrip(index, options, cancellationToken, (decoder, strip) =>
        {
            StripChunk chunk = index.Strips[strip];
            decoder.DecodeToSink(chunk.PayloadIn(data.Span), chunk.PayloadOffset, strip, sink);
            if (index.Parser.HasLossless)
            {
                decoder.DecodeLosslessToSink(index.Losslesses[strip].PayloadIn(data.Span), strip, sink);
            }

            if (index.Header.HasAlpha)
            {
                StripChunk alpha = index.Alphas[strip];
                decoder.DecodeAlphaToSink(alpha.PayloadIn(data.Span), alpha.PayloadOffset, strip, sink);
            }
        });
        return index.Info;
    }

    /// <summary>Decodes from a stream strip by strip, handing rows to <paramref name="sink"/> as they are decoded.</summary>
    public static RsgImageInfo Decode(Stream stream, IRsgRowSink sink, RsgDecoderOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var decoder = new StreamingDecoder(options ?? RsgDecoderOptions.Default, sink, StreamingGoal.Pixels, cancellationToken);
        var source = new StreamSource(stream);
        Pump(ref source, decoder, cancellationToken);
        return decoder.Info!;
    }

    /// <summary>Decodes from a stream strip by strip into an <see cref="RsgImage"/>.</summary>
    public static RsgImage Decode(Stream stream, RsgDecoderOptions? options = null, CancellationToken cancellationToken = default)
    {
        var sink = new ImageBuilderSink();
        Decode(stream, sink, options, cancellationToken);
        return sink.Build();
    }

    /// <summary>Decodes from a pipe strip by strip, handing rows to <paramref name="sink"/> as soon as each strip's bytes have arrived.</summary>
    public static async ValueTask<RsgImageInfo> DecodeAsync(PipeReader reader, IRsgRowSink sink, RsgDecoderOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var decoder = new StreamingDecoder(options ?? RsgDecoderOptions.Default, sink, StreamingGoal.Pixels, cancellationToken);
        await PumpAsync(reader, decoder, cancellationToken).ConfigureAwait(false);
        return decoder.Info!;
    }

    /// <summary>Decodes from a pipe into an <see cref="RsgImage"/>.</summary>
    public static async ValueTask<RsgImage> DecodeAsync(PipeReader reader, RsgDecoderOptions? options = null, CancellationToken cancellationToken = default)
    {
        var sink = new ImageBuilderSink();
        await DecodeAsync(reader, sink, options, cancellationToken).ConfigureAwait(false);
        return sink.Build();
    }

    /// <summary>Reads only what precedes the first strip (header, region table, names, metadata) from a pipe.</summary>
    public static async ValueTask<RsgImageInfo> IdentifyAsync(PipeReader reader, RsgDecoderOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var decoder = new StreamingDecoder(options ?? RsgDecoderOptions.Default, null, StreamingGoal.Info, cancellationToken);
        await PumpAsync(reader, decoder, cancellationToken).ConfigureAwait(false);
        return decoder.Info!;
    }

    private static void DecodeStrips(ReadOnlyMemory<byte> data, ContainerIndex index, Memory<byte> pixels, int stride,
        Memory<byte> labels, RsgDecoderOptions options, CancellationToken cancellationToken)
    {
        FrameHeader h = index.Header;
        ForEachStrip(index, options, cancellationToken, (decoder, strip) =>
        {
            StripChunk chunk = index.Strips[strip];
            int top = h.StripTop(strip), rows = h.StripRows(strip);
            int maskTop = h.StripMaskTop(strip), maskRows = h.StripMaskRows(strip);
            Span<byte> mask = labels.IsEmpty ? default : labels.Span.Slice(maskTop * h.MaskWidth, maskRows * h.MaskWidth);
            int span = (stride * (rows - 1)) + h.RowBytes;
            Span<byte> destination = pixels.Span.Slice(top * stride, span);
            decoder.Decode(chunk.PayloadIn(data.Span), chunk.PayloadOffset, strip, destination, stride, mask);
            DecodeLossless(data.Span, index, decoder, strip, destination, stride);
            DecodeAlpha(data.Span, index, decoder, strip, destination, stride);
        });
    }

    /// <summary>Decodes strip <paramref name="strip"/>'s LOSS payload over <paramref name="destination"/>'s lossless pixels, when a region is lossless.</summary>
    private static void DecodeLossless(ReadOnlySpan<byte> data, ContainerIndex index, StripDecoder decoder, int strip, Span<byte> destination, int stride)
    {
        if (index.Parser.HasLossless)
        {
            decoder.DecodeLossless(index.Losslesses[strip].PayloadIn(data), strip, destination, stride);
        }
    }

    /// <summary>Decodes strip <paramref name="strip"/>'s ALPH payload into <paramref name="destination"/>'s alpha bytes, when the image has alpha.</summary>
    private static void DecodeAlpha(ReadOnlySpan<byte> data, ContainerIndex index, StripDecoder decoder, int strip, Span<byte> destination, int stride)
    {
        if (index.Header.HasAlpha)
        {
            StripChunk alpha = index.Alphas[strip];
            decoder.DecodeAlpha(alpha.PayloadIn(data), alpha.PayloadOffset, strip, destination, stride);
        }
    }

    /// <summary>
    /// Runs <paramref name="decodeOne"/> for every strip, in parallel on up to
    /// <see cref="RsgDecoderOptions.MaxDegreeOfParallelism"/> threads, each thread with its own <see cref="StripDecoder"/>.
    /// </summary>
    private static void ForEachStrip(ContainerIndex index, RsgDecoderOptions options, CancellationToken cancellationToken, Action<StripDecoder, int> decodeOne,
        int scaleLog2 = 0)
    {
        FrameHeader h = index.Header;
        RsgRegion[] regions = index.Parser.Regions!;
        int parallelism = options.MaxDegreeOfParallelism <= 0 ? Environment.ProcessorCount : options.MaxDegreeOfParallelism;
        if (parallelism == 1 || h.StripCount == 1)
        {
            using var decoder = new StripDecoder(h, regions, scaleLog2);
            for (int strip = 0; strip < h.StripCount; strip++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                decodeOne(decoder, strip);
            }

            return;
        }

        try
        {
            Parallel.For(0, h.StripCount,
                new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
                () => new StripDecoder(h, regions, scaleLog2),
                (strip, _, decoder) =>
                {
                    decodeOne(decoder, strip);
                    return decoder;
                },
                decoder => decoder.Dispose());
        }
        catch (AggregateException e)
        {
            // Report the earliest problem in the file, as a serial decode would.
            Exception first = e.Flatten().InnerExceptions
                .OrderBy(x => x is RsgFormatException f ? f.Offset : long.MaxValue)
                .First();
            ExceptionDispatchInfo.Capture(first).Throw();
        }
    }

    private static void Pump<TSource>(ref TSource source, StreamingDecoder decoder, CancellationToken cancellationToken)
        where TSource : IByteSource, allows ref struct
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        int filled = 0;
        try
        {
            while (!decoder.IsDone)
            {
                // Feed consumes all but at most a partial 8-byte chunk head, so the buffer never fills up.
                cancellationToken.ThrowIfCancellationRequested();
                int read = source.Read(buffer, filled, buffer.Length - filled);
                filled += read;
                var sequence = new ReadOnlySequence<byte>(buffer, 0, filled);
                int consumed = (int)sequence.Slice(0, decoder.Feed(sequence, isFinalBlock: read == 0)).Length;
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async ValueTask PumpAsync(PipeReader reader, StreamingDecoder decoder, CancellationToken cancellationToken)
    {
        while (!decoder.IsDone)
        {
            ReadResult result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCanceled)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            ReadOnlySequence<byte> buffer = result.Buffer;
            SequencePosition consumed = decoder.Feed(buffer, result.IsCompleted);
            reader.AdvanceTo(consumed, buffer.End);
        }
    }
}
