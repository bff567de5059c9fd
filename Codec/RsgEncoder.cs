using System.Buffers;
using System.IO.Pipelines;
using RegionCodec.Encoding;

namespace RegionCodec;

/// <summary>
/// Encodes interleaved 8-bit pixels and a region label map to .rsg. Strips are coded in waves of up to
/// <see cref="RsgEncoderOptions.MaxDegreeOfParallelism"/> strips in parallel and written in order as each
/// wave completes, so at most that many strips' compressed bytes are held at a time. The bytes do not
/// depend on the degree of parallelism.
/// </summary>
public static partial class RsgEncoder
{
    /// <summary>Encodes to an <see cref="IBufferWriter{T}"/>, for example a <see cref="PipeWriter"/>.</summary>
    /// <param name="pixels">Row r starts at <c>r * stride</c>.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="stride">Bytes from one row to the next (at least width times the pixel size).</param>
    /// <param name="format">Layout of <paramref name="pixels"/>.</param>
    /// <param name="output">Receives the file, header first.</param>
    /// <param name="options">Qualities, subsampling, tables, parallelism; null for the defaults.</param>
    /// <param name="labels">The region of every mask cell, or null for one region everywhere.</param>
    /// <param name="cancellationToken">Checked between strips and inside them; it never changes the bytes.</param>
    public static void Encode(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format,
        IBufferWriter<byte> output, RsgEncoderOptions? options = null, RsgLabelMap? labels = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var encoder = FrameEncoder.ForBuffer(width, height, stride, format, pixels, options ?? RsgEncoderOptions.Default, labels);
        encoder.WriteHead(output);
        for (int first = 0; first < encoder.Header.StripCount;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = encoder.CodeStrips(pixels, first, cancellationToken);
            for (int strip = first; strip < first + count; strip++)
            {
                encoder.WriteStrip(strip, output);
            }

            first += count;
        }

        FrameEncoder.WriteEnd(output);
    }

    /// <summary>Encodes to a stream, writing each wave of strips as soon as it is coded.</summary>
    public static void Encode(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format,
        Stream output, RsgEncoderOptions? options = null, RsgLabelMap? labels = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var encoder = FrameEncoder.ForBuffer(width, height, stride, format, pixels, options ?? RsgEncoderOptions.Default, labels);
        var chunk = new ArrayBufferWriter<byte>(1 << 16);
        encoder.WriteHead(chunk);
        for (int first = 0; first < encoder.Header.StripCount;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = encoder.CodeStrips(pixels, first, cancellationToken);
            WriteWave(encoder, first, count, output, chunk);
            first += count;
        }

        FrameEncoder.WriteEnd(chunk);
        output.Write(chunk.WrittenSpan);
    }

    /// <summary>Encodes to a pipe, flushing after every wave of strips so a slow reader applies back-pressure.</summary>
    public static async ValueTask EncodeAsync(ReadOnlyMemory<byte> pixels, int width, int height, int stride, RsgPixelFormat format,
        PipeWriter output, RsgEncoderOptions? options = null, RsgLabelMap? labels = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var encoder = FrameEncoder.ForBuffer(width, height, stride, format, pixels.Span, options ?? RsgEncoderOptions.Default, labels);
        encoder.WriteHead(output);
        for (int first = 0; first < encoder.Header.StripCount;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = encoder.CodeStrips(pixels.Span, first, cancellationToken);
            await WriteWaveAsync(encoder, first, count, output, cancellationToken).ConfigureAwait(false);
            first += count;
        }

        FrameEncoder.WriteEnd(output);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Encodes to a new byte array.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format,
        RsgEncoderOptions? options = null, RsgLabelMap? labels = null) =>
        Encode(pixels, width, height, stride, format, options, labels, CancellationToken.None);

    /// <summary>Encodes to a new byte array; <paramref name="cancellationToken"/> is checked between strips and inside them.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int stride, RsgPixelFormat format,
        RsgEncoderOptions? options, RsgLabelMap? labels, CancellationToken cancellationToken)
    {
        var output = new ArrayBufferWriter<byte>();
        Encode(pixels, width, height, stride, format, output, options, labels, cancellationToken);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Writes a coded wave's strips to a stream one chunk at a time, so the copy is one strip, not the whole wave.</summary>
    private static void WriteWave(FrameEncoder encoder, int first, int count, Stream output, ArrayBufferWriter<byte> chunk)
    {
        for (int strip = first; strip < first + count; strip++)
        {
            encoder.WriteStrip(strip, chunk);
            output.Write(chunk.WrittenSpan);
            chunk.ResetWrittenCount();
        }
    }

    /// <summary>Writes a coded wave's strips to a pipe and flushes, so a slow reader applies back-pressure.</summary>
    private static async ValueTask WriteWaveAsync(FrameEncoder encoder, int first, int count, PipeWriter output, CancellationToken cancellationToken)
    {
        for (int strip = first; strip < first + count; strip++)
        {
            encoder.WriteStrip(strip, output);
        }

        FlushResult result = await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (result.IsCanceled || result.IsCompleted)
        {
            throw new OperationCanceledException("The pipe's reader stopped before the image was written.");
        }
    }
}
