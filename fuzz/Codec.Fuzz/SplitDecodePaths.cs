using System.Buffers;

namespace RegionCodec.Fuzz;

// Decode paths of the split target: the outcome of one path, a piecewise stream and multi-segment sequences.

/// <summary>The result of one decode path.</summary>
internal sealed record Outcome(RsgImage? Image, RsgFormatException? Error)
{
    public static void RequireSame(string nameA, Outcome a, string nameB, Outcome b, bool compareErrors)
    {
        if (a.Image is not null && b.Image is not null)
        {
            FuzzTargets.Require(a.Image.Width == b.Image.Width && a.Image.Height == b.Image.Height && a.Image.PixelFormat == b.Image.PixelFormat,
                $"{nameA} and {nameB} decode different geometries");
            FuzzTargets.Require(a.Image.Pixels.AsSpan().SequenceEqual(b.Image.Pixels), $"{nameA} and {nameB} decode different pixels");
            FuzzTargets.Require(a.Image.Labels.Labels.AsSpan().SequenceEqual(b.Image.Labels.Labels), $"{nameA} and {nameB} decode different labels");
            return;
        }

        if (a.Error is not null && b.Error is not null)
        {
            if (compareErrors)
            {
                FuzzTargets.Require(a.Error.Error == b.Error.Error && a.Error.Offset == b.Error.Offset,
                    $"{nameA} fails with {a.Error.Error} at {a.Error.Offset}, {nameB} with {b.Error.Error} at {b.Error.Offset}");
            }

            return;
        }

        throw new FuzzInvariantException($"{nameA} {(a.Error is null ? "decodes" : $"fails ({a.Error.Message})")} but {nameB} {(b.Error is null ? "decodes" : $"fails ({b.Error.Message})")}");
    }
}

/// <summary>A read-only stream that returns at most the planned number of bytes per Read.</summary>
internal sealed class PiecewiseStream(byte[] data, IReadOnlyList<int> sizes) : Stream
{
    private int _position;
    private int _piece;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = Math.Min(Math.Min(count, sizes[_piece++ % sizes.Count]), data.Length - _position);
        data.AsSpan(_position, n).CopyTo(buffer.AsSpan(offset));
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

/// <summary>Builds a multi-segment <see cref="ReadOnlySequence{T}"/> over a byte range, cut at planned sizes.</summary>
internal sealed class Segments : ReadOnlySequenceSegment<byte>
{
    private Segments(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    public static ReadOnlySequence<byte> Build(byte[] data, int start, int end, IReadOnlyList<int> sizes)
    {
        if (start >= end)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        Segments first = new(data.AsMemory(start, Math.Min(sizes[0], end - start)), 0), last = first;
        int position = start + first.Memory.Length, piece = 1;
        while (position < end)
        {
            int n = Math.Min(sizes[piece++ % sizes.Count], end - position);
            var next = new Segments(data.AsMemory(position, n), last.RunningIndex + last.Memory.Length);
            last.Next = next;
            last = next;
            position += n;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
