using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Gpio;

/// <summary>
/// Checks the DataAnnotations attributes of <see cref="GpioOptions"/> with code generated at compile time
/// (no reflection nor TypeConverter at run time), so trimmed and Native AOT builds validate exactly as JIT ones.
/// </summary>
[OptionsValidator]
public sealed partial class GpioOptionsValidator : IValidateOptions<GpioOptions>;
