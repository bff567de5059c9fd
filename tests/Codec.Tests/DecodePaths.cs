using System.Buffers;
using System.IO.Pipelines;

namespace RegionCodec.Tests;

/// <summary>A read-only stream over a byte array that returns at most <c>maxRead</c> bytes per Read call.</summary>
public sealed class TrickleStream(byte[] data, int maxRead = 1) : Stream
{
    private int _position;

    public int ReadCalls { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ReadCalls++;
        int n = Math.Min(Math.Min(maxRead, buffer.Length), data.Length - _position);
        data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>Records everything a streaming decode hands to its sink, copying the spans.</summary>
public sealed class RecordingSink : IRsgRowSink
{
    private readonly Func<long>? _bytesWritten;

    /// <param name="bytesWritten">Read when each OnRows call arrives, to see how much of the file the producer had written.</param>
    public RecordingSink(Func<long>? bytesWritten = null) => _bytesWritten = bytesWritten;

    public List<string> Events { get; } = [];

    public RsgImageInfo? Info { get; private set; }

    public List<(int First, int Count)> Rows { get; } = [];

    public List<(int First, int Count)> MaskRows { get; } = [];

    /// <summary>Producer's byte count at each OnRows call.</summary>
    public List<long> BytesWrittenAtRows { get; } = [];

    public byte[]? Pixels { get; private set; }

    /// <summary>The decoded mask, filled as mask rows arrive.</summary>
    public RsgLabelMap? Mask { get; private set; }

    public byte[]? Labels => Mask?.Labels;

    /// <summary>Completed when the first OnRows call arrives.</summary>
    public TaskCompletionSource FirstRows { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void OnInfo(RsgImageInfo info)
    {
        Events.Add("info");
        Info = info;
        int bpp = info.PixelFormat.BytesPerPixel();
        Pixels = new byte[info.Width * info.Height * bpp];
        Mask = RsgLabelMap.ForDecoding(info);
    }

    public void OnRows(int firstRow, int rowCount, ReadOnlySpan<byte> pixels, int stride)
    {
        Events.Add("rows");
        Rows.Add((firstRow, rowCount));
        BytesWrittenAtRows.Add(_bytesWritten?.Invoke() ?? -1);
        Assert.NotNull(Info);
        int rowBytes = Pixels!.Length / Info!.Height;
        Assert.True(stride >= rowBytes, $"stride {stride} < row bytes {rowBytes}");
        Assert.True(pixels.Length >= (stride * (rowCount - 1)) + rowBytes, "pixel span shorter than the rows it claims");
        for (int r = 0; r < rowCount; r++)
        {
            pixels.Slice(r * stride, rowBytes).CopyTo(Pixels.AsSpan((firstRow + r) * rowBytes));
        }

        FirstRows.TrySetResult();
    }

    public void OnMaskRows(int firstMaskRow, int rowCount, ReadOnlySpan<byte> labels)
    {
        Events.Add("mask");
        MaskRows.Add((firstMaskRow, rowCount));
        Assert.NotNull(Info);
        Assert.True(labels.Length >= rowCount * Mask!.Width, "label span shorter than the mask rows it claims");
        Mask.CopyMaskRows(firstMaskRow, rowCount, labels);
    }
}

/// <summary>The decoder's entry points, each driven the way a caller would.</summary>
public static class DecodePaths
{
    public static RsgImage Memory(byte[] file, int parallelism = -1, RsgDecoderOptions? options = null) =>
        RsgDecoder.Decode(file, With(options, parallelism));

    public static RsgImage Stream(byte[] file, int maxRead = int.MaxValue, RsgDecoderOptions? options = null) =>
        RsgDecoder.Decode(new TrickleStream(file, maxRead), options);

    /// <summary>
    /// Writes the whole file into a pipe and completes it before decoding, so the decode runs
    /// synchronously on the calling thread.
    /// </summary>
    public static RsgImage PipePrefilled(byte[] file, RsgDecoderOptions? options = null)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        pipe.Writer.Write(file);
        pipe.Writer.FlushAsync().AsTask().GetAwaiter().GetResult();
        pipe.Writer.Complete();
        return RsgDecoder.DecodeAsync(pipe.Reader, options).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>
    /// Feeds the file through a pipe from a writer task in chunks from <paramref name="chunkSizes"/>
    /// (flushing after each) while the decoder reads.
    /// </summary>
    public static async Task<RsgImage> PipeFed(byte[] file, Func<int> chunkSizes, RsgDecoderOptions? options = null)
    {
        var pipe = new Pipe();
        Task writer = WriteInChunks(pipe.Writer, file, chunkSizes, null);
        RsgImage image = await RsgDecoder.DecodeAsync(pipe.Reader, options);
        await writer;
        await pipe.Reader.CompleteAsync();
        return image;
    }

    public static async Task WriteInChunks(PipeWriter writer, byte[] file, Func<int> chunkSizes, Action<int>? afterFlush)
    {
        await Task.Yield();
        int pos = 0;
        while (pos < file.Length)
        {
            int n = Math.Min(Math.Max(1, chunkSizes()), file.Length - pos);
            await writer.WriteAsync(file.AsMemory(pos, n));
            pos += n;
            afterFlush?.Invoke(pos);
        }

        await writer.CompleteAsync();
    }

    /// <summary>Every decode entry point, synchronously (the fed pipe runs its writer on the thread pool).</summary>
    public static readonly (string Name, Func<byte[], RsgDecoderOptions?, RsgImageInfo> Decode)[] All =
    [
        ("Decode(memory), parallel", (f, o) => Memory(f, -1, o).Info),
        ("Decode(memory), serial", (f, o) => Memory(f, 1, o).Info),
        ("DecodeInto", (f, o) => Into(f, o)),
        ("Decode(stream)", (f, o) => Stream(f, int.MaxValue, o).Info),
        ("Decode(stream), 1 byte per Read", (f, o) => Stream(f, 1, o).Info),
        ("DecodeAsync(pipe), prefilled", (f, o) => PipePrefilled(f, o).Info),
        ("DecodeAsync(pipe), fed 5 bytes at a time", (f, o) => Task.Run(() => PipeFed(f, () => 5, o)).GetAwaiter().GetResult().Info),
    ];

    /// <summary>The fast paths (no writer task), for loops over many inputs.</summary>
    public static readonly (string Name, Func<byte[], RsgDecoderOptions?, RsgImageInfo> Decode)[] Fast =
        [All[0], All[1], All[3], All[4], All[5]];

    /// <summary>
    /// DecodeInto with a destination sized from the RHDR bytes when they can be read (a padded stride),
    /// else a token buffer: malformed files must be rejected before the destination matters.
    /// </summary>
    public static RsgImageInfo Into(byte[] file, RsgDecoderOptions? options)
    {
        int stride = 3, height = 1;
        if (file.Length >= 8 + 8 + 17 && file.AsSpan(12, 4).SequenceEqual("RHDR"u8))
        {
            long width = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(17));
            long rows = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(21));
            long rowBytes = (width * ((file[25] == 1 ? 1 : 3) + (file[31] & 1))) + 5; // colour model, then the alpha flag
            if (rowBytes * rows <= 1 << 24)
            {
                stride = (int)rowBytes;
                height = (int)rows;
            }
        }

        return RsgDecoder.DecodeInto(file, new byte[stride * Math.Max(height, 1)], stride, With(options, 2));
    }

    private static RsgDecoderOptions With(RsgDecoderOptions? options, int parallelism) =>
        options is null
            ? new RsgDecoderOptions { MaxDegreeOfParallelism = parallelism }
            : new RsgDecoderOptions
            {
                MaxDegreeOfParallelism = parallelism,
                MaxWidth = options.MaxWidth,
                MaxHeight = options.MaxHeight,
                MaxPixels = options.MaxPixels,
            };
}
