using System.Diagnostics.CodeAnalysis;

namespace Platform.ActorRegistry.Domain;

/// <summary>
/// A Swedish organisation number: ten digits written <c>NNNNNN-NNNN</c> (or without the hyphen), third digit at
/// least 2 (which sets it apart from a personal identity number), last digit a Luhn check digit.
/// </summary>
public readonly record struct OrganisationNumber
{
    private OrganisationNumber(string digits) => Digits = digits;

    /// <summary>The ten digits, no separator.</summary>
    public string Digits { get; }

    /// <summary>The normalised form, <c>NNNNNN-NNNN</c>.</summary>
    public override string ToString() => $"{Digits[..6]}-{Digits[6..]}";

    public static bool TryParse(string? value, [NotNullWhen(true)] out OrganisationNumber? number, [NotNullWhen(false)] out string? error)
    {
        number = null;
        var text = value?.Trim() ?? string.Empty;
        var digits = text.Length == 11 && text[6] == '-' ? string.Concat(text.AsSpan(0, 6), text.AsSpan(7)) : text;
        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit))
        {
            error = "Organisation number must be ten digits, written NNNNNN-NNNN or NNNNNNNNNN.";
            return false;
        }

        if (digits[2] < '2')
        {
            error = "Organisation number must have a third digit of at least 2.";
            return false;
        }

        if (!HasValidCheckDigit(digits))
        {
            error = "Organisation number has a wrong check digit.";
            return false;
        }

        number = new OrganisationNumber(digits);
        error = null;
        return true;
    }

    /// <summary>Luhn over the ten digits: doubling every second digit from the left, the sum ends in 0.</summary>
    private static bool HasValidCheckDigit(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[i] - '0';
            if (i % 2 == 0)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return sum % 10 == 0;
    }
}
