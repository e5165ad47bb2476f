using System.Buffers.Text;

namespace Hebb.Cli.Serve;

/// <summary>
/// The body nearly every request to an image or array model sends, <c>{"instances": [[0.0, 0.5, ...], ...]}</c>,
/// read with one pass over its bytes: reading it with <see cref="System.Text.Json.Utf8JsonReader"/> was a third of
/// the server's time under load, most of it checking each token's grammar and state. It takes only that shape (JSON
/// whitespace anywhere, numbers in JSON's own grammar, finite as float32, each row of the model's width) and gives
/// up on anything else, leaving the request as it found it, so that <see cref="InstanceReader"/> reads the body
/// again and names what is wrong. Each number is parsed by <see cref="Utf8Parser"/>, as the JSON reader does, so
/// the values are the same bits.
/// </summary>
internal static class PlainRowsReader
{
    /// <summary>Reads every row of <paramref name="body"/> into <paramref name="request"/>, or returns false with the
    /// request's rows untouched.</summary>
    public static bool TryRead(ReadOnlySpan<byte> body, PendingRequest request)
    {
        int width = request.Model.InputWidth;
        int at = 0;
        if (!Expect(body, ref at, (byte)'{') || !Expect(body, ref at, "\"instances\""u8) || !Expect(body, ref at, (byte)':')
            || !Expect(body, ref at, (byte)'[') || Peek(body, ref at) == ']')
            return GiveUp(request);
        while (true)
        {
            if (!Expect(body, ref at, (byte)'[')) return GiveUp(request);
            var row = request.AddRow();
            for (int count = 0; count < width; count++)
            {
                if (count > 0 && !Expect(body, ref at, (byte)',')) return GiveUp(request);
                if (!Number(body, ref at, out row[count])) return GiveUp(request);
            }
            if (!Expect(body, ref at, (byte)']')) return GiveUp(request);
            if (!Expect(body, ref at, (byte)',')) break;
        }
        if (!Expect(body, ref at, (byte)']') || !Expect(body, ref at, (byte)'}')) return GiveUp(request);
        Peek(body, ref at);
        return at == body.Length || GiveUp(request);
    }

    private static bool GiveUp(PendingRequest request)
    {
        request.ClearRows();
        return false;
    }

    /// <summary>The next byte after whitespace (0 at the end: any other place a 0 may be is refused), without taking it.</summary>
    private static byte Peek(ReadOnlySpan<byte> body, ref int at)
    {
        while (at < body.Length && body[at] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t') at++;
        return at < body.Length ? body[at] : (byte)0;
    }

    private static bool Expect(ReadOnlySpan<byte> body, ref int at, byte expected)
    {
        if (Peek(body, ref at) != expected) return false;
        at++;
        return true;
    }

    private static bool Expect(ReadOnlySpan<byte> body, ref int at, ReadOnlySpan<byte> expected)
    {
        Peek(body, ref at);
        if (!body[at..].StartsWith(expected)) return false;
        at += expected.Length;
        return true;
    }

    /// <summary>One number in JSON's grammar, <c>-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?</c>, finite as float32.</summary>
    private static bool Number(ReadOnlySpan<byte> body, ref int at, out float value)
    {
        value = 0;
        Peek(body, ref at);
        int start = at;
        if (Zero(body, ref at)) return true;
        if (at < body.Length && body[at] == '-') at++;
        if (at < body.Length && body[at] == '0') at++;
        else if (!Digits(body, ref at)) return false;
        if (at < body.Length && body[at] == '.')
        {
            at++;
            if (!Digits(body, ref at)) return false;
        }
        if (at < body.Length && (body[at] | 0x20) == 'e')
        {
            at++;
            if (at < body.Length && body[at] is (byte)'+' or (byte)'-') at++;
            if (!Digits(body, ref at)) return false;
        }
        var text = body[start..at];
        return Utf8Parser.TryParse(text, out value, out int used) && used == text.Length && float.IsFinite(value);
    }

    /// <summary>A <c>0</c> or <c>0.0</c> followed by what may follow a number: most of an image's pixels, taken without
    /// the grammar's loop and the float parser.</summary>
    private static bool Zero(ReadOnlySpan<byte> body, ref int at)
    {
        if (at >= body.Length || body[at] != '0') return false;
        int end = at + 1;
        if (end + 1 < body.Length && body[end] == '.' && body[end + 1] == '0') end += 2;
        if (end >= body.Length || body[end] is not ((byte)',' or (byte)']' or (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')) return false;
        at = end;
        return true;
    }

    /// <summary>One or more decimal digits.</summary>
    private static bool Digits(ReadOnlySpan<byte> body, ref int at)
    {
        int start = at;
        while (at < body.Length && (uint)(body[at] - '0') <= 9) at++;
        return at > start;
    }
}
