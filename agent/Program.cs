using Cybercantal.Edge.Agent.Journal;

if (args.Length > 0 && args[0] == "journal-stress")
{
    return await JournalStressCommand.RunAsync(args[1..]).ConfigureAwait(false);
}

return 0;
