using System.Buffers;
using System.IO.Pipelines;
using RegionCodec.Encoding;

namespace RegionCodec;

/// <summary>Encodes from rows that arrive in order: the whole image is never in memory, only one wave of strips.</summary>
public static partial class RsgEncoder
{
    /// <summary>
    /// Encodes the image that <paramref name="rows"/> supplies, packed rows of <paramref name="format"/>, holding one wave of
    /// strips at a time (about <see cref="RsgEncoderOptions.MaxDegreeOfParallelism"/> megapixels). The file is byte for byte
    /// what the buffer overloads write for the same pixels, except that <see cref="RsgAlphaMode.Auto"/> keeps the alpha of a
    /// format that has it (the encoder cannot look ahead to see whether every pixel is opaque).
    /// </summary>
    /// <param name="rows">The image's rows, read in order.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="format">Layout of the rows.</param>
    /// <param name="output">Receives the file, header first, each wave of strips as soon as it is coded.</param>
    /// <param name="options">Qualities, subsampling, tables, parallelism; null for the defaults.</param>
    /// <param name="labels">The region of every mask cell, or null for one region everywhere.</param>
    /// <param name="cancellationToken">Checked between strips and inside them; it never changes the bytes.</param>
    public static void Encode(IRsgRowSource rows, int width, int height, RsgPixelFormat format, Stream output,
        RsgEncoderOptions? options = null, RsgLabelMap? labels = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(output);
        using var encoder = FrameEncoder.ForRows(width, height, format, options ?? RsgEncoderOptions.Default, labels);
        using var wave = new WaveBuffer(encoder);
        var chunk = new ArrayBufferWriter<byte>(1 << 16);
        encoder.WriteHead(chunk);
        output.Write(chunk.WrittenSpan);
        chunk.ResetWrittenCount();
        for (int first = 0; first < encoder.Header.StripCount;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            (int top, int rowCount) = encoder.WaveRows(first);
            Span<byte> buffer = wave.Rows(rowCount);
            rows.ReadRows(buffer, rowCount);
            int count = encoder.CodeStrips(new PixelRows(buffer, encoder.Stride, top), first, cancellationToken);
            WriteWave(encoder, first, count, output, chunk);
            first += count;
        }

        FrameEncoder.WriteEnd(chunk);
        output.Write(chunk.WrittenSpan);
    }

    /// <summary>Encodes the image that <paramref name="rows"/> supplies to a new byte array (see the <see cref="Stream"/> overload).</summary>
    public static byte[] Encode(IRsgRowSource rows, int width, int height, RsgPixelFormat format,
        RsgEncoderOptions? options = null, RsgLabelMap? labels = null, CancellationToken cancellationToken = default)
    {
        using var output = new MemoryStream();
        Encode(rows, width, height, format, output, options, labels, cancellationToken);
        return output.ToArray();
    }

    /// <summary>
    /// Encodes packed rows of <paramref name="format"/> read from <paramref name="rows"/> (for example the body of a PPM
    /// file, or a camera's output) to <paramref name="output"/>, holding one wave of strips at a time and flushing after
    /// each, so a slow reader applies back-pressure. The reader is left just after the image's last row, not completed.
    /// Throws <see cref="EndOfStreamException"/> when the pipe ends before the last row. See the
    /// <see cref="IRsgRowSource"/> overload for alpha.
    /// </summary>
    public static async ValueTask EncodeAsync(PipeReader rows, int width, int height, RsgPixelFormat format, PipeWriter output,
        RsgEncoderOptions? options = null, RsgLabelMap? labels = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(output);
        using var encoder = FrameEncoder.ForRows(width, height, format, options ?? RsgEncoderOptions.Default, labels);
        using var wave = new WaveBuffer(encoder);
        encoder.WriteHead(output);
        for (int first = 0; first < encoder.Header.StripCount;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            (int top, int rowCount) = encoder.WaveRows(first);
            await ReadExactlyAsync(rows, wave.Memory(rowCount), top, cancellationToken).ConfigureAwait(false);
            int count = encoder.CodeStrips(new PixelRows(wave.Rows(rowCount), encoder.Stride, top), first, cancellationToken);
            await WriteWaveAsync(encoder, first, count, output, cancellationToken).ConfigureAwait(false);
            first += count;
        }

        FrameEncoder.WriteEnd(output);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask ReadExactlyAsync(PipeReader reader, Memory<byte> destination, int firstRow, CancellationToken cancellationToken)
    {
        int filled = 0;
        while (filled < destination.Length)
        {
            ReadResult read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = read.Buffer;
            long take = Math.Min(buffer.Length, destination.Length - filled);
            buffer.Slice(0, take).CopyTo(destination.Span[filled..]);
            filled += (int)take;
            reader.AdvanceTo(buffer.GetPosition(take));
            if (filled < destination.Length && (read.IsCompleted || read.IsCanceled))
            {
                throw new EndOfStreamException($"The pixel pipe ended inside the wave of rows starting at row {firstRow}: {filled} of its {destination.Length} bytes arrived.");
            }
        }
    }

    /// <summary>One pooled buffer for the largest wave of rows (the first: later waves are never taller).</summary>
    private sealed class WaveBuffer : IDisposable
    {
        private readonly int _rowBytes;
        private byte[] _array;

        public WaveBuffer(FrameEncoder encoder)
        {
            _rowBytes = encoder.Stride;
            _array = ArrayPool<byte>.Shared.Rent(checked(encoder.WaveRows(0).Rows * _rowBytes));
        }

        public Span<byte> Rows(int rowCount) => _array.AsSpan(0, rowCount * _rowBytes);

        public Memory<byte> Memory(int rowCount) => _array.AsMemory(0, rowCount * _rowBytes);

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = [];
        }
    }
}
