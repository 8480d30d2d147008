using Lakehouse.Model;
using Lakehouse.Model.Configuration;
using Lakehouse.Model.Diagnostics;
using Lakehouse.Model.Versions;
using Lakehouse.Rendering.Validation;

namespace Lakehouse.Rendering.Pipeline;

/// <summary>
/// Runs the definitions once per environment and describes every component there:
/// definitions -> model (immutable records) -> validation. Renderers only ever see a valid result.
/// Definitions and components are pure functions of the configuration, so environments are evaluated
/// in parallel; results and diagnostics are gathered in environment order, whatever the timing.
/// </summary>
public static class PlatformEvaluator
{
    // Components serialize their objects while they are described: the generated metadata must be in place first.
    static PlatformEvaluator() => Serialization.ManifestTypes.Register();

    /// <summary>
    /// Evaluates every environment; null when any finding was made. With <c>consume</c>, each environment evaluated
    /// without a finding is handed to it as soon as it is ready and not kept: the result then lists no environment.
    /// A render writes an environment's files and lets its JSON trees go, instead of holding every environment's
    /// until the last renderer (the memory of a large platform). Whatever it produced is to be discarded when the
    /// result is null.
    /// </summary>
    public static PlatformRender? Evaluate(IPlatformDefinition definition, IReadOnlyList<EnvironmentConfig> environments, List<Diagnostic> diagnostics, ChartLock? chartLock = null,
        Action<EnvironmentRender>? consume = null)
    {
        chartLock ??= Locked.Default?.Lock;
        var before = diagnostics.Count;
        var perEnvironment = new EnvironmentRender?[environments.Count];
        var findings = new List<Diagnostic>[environments.Count];
        Parallel.For(0, environments.Count, i =>
        {
            findings[i] = [];
            // Components read chart versions and image tags through Locked: this environment's selection.
            var config = environments[i];
            using (chartLock is null ? null : Locked.Use(new VersionSelection(chartLock, config.Charts, config.Images)))
            {
                EnvironmentRender? render = null;
                // Anything the definitions' objects throw later (a Dependencies getter, a ValueOverrides
                // getter, a null spec) is still a failed definition, never an unhandled exception.
                if (Guard(findings[i], e => DefinitionLine.Of(e, definition), $"the platform '{definition.Name}' in environment '{config.Name}'",
                        () => render = Evaluate(definition, config, findings[i])))
                {
                    if (consume is not null && render is not null && findings[i].Count == 0)
                    {
                        consume(render);
                    }
                    else
                    {
                        perEnvironment[i] = render;
                    }
                }
            }
        });
        foreach (var found in findings)
        {
            diagnostics.AddRange(found);
        }
        var results = perEnvironment.OfType<EnvironmentRender>().ToList();
        // The same mistake in the definitions shows once per environment; say it once.
        Deduplicate(diagnostics, before);
        return diagnostics.Count == before ? new PlatformRender(definition.Name, results) : null;
    }

    private static EnvironmentRender? Evaluate(IPlatformDefinition definition, EnvironmentConfig config, List<Diagnostic> diagnostics)
    {
        var naming = new Naming(definition.Name, config.Name);
        var builder = new PlatformBuilder();
        if (!Guard(diagnostics, e => DefinitionLine.Of(e, definition), $"the definition of platform '{definition.Name}' ({definition.GetType().Name}.Define) in environment '{config.Name}'",
                () => definition.Define(builder, config)))
        {
            return null;
        }
        var graph = DependencyGraph.Build(builder.Build(), diagnostics, builder.Wirings);
        if (graph is null)
        {
            return null;
        }
        var sectionsBefore = diagnostics.Count;
        InstanceSections.Check(config, graph.Components, diagnostics);
        if (diagnostics.Count > sectionsBefore)
        {
            return null;
        }
        if (EnvironmentNameLength.Check(definition.Name, config.Name, graph.Components, builder.Workspaces.Select(w => w.Name)) is { } tooLong)
        {
            diagnostics.Add(tooLong);
            return null;
        }
        // After the environment name's check: a name too long for every derived name is the environment's fault (LH0014).
        WorkspaceChecks.Check(config, naming, builder.Workspaces, graph.Components, diagnostics);
        if (diagnostics.Count > sectionsBefore)
        {
            return null;
        }
        var workspaces = builder.Workspaces.Select(w => w.Workspace).ToList();
        var external = graph.Components.Where(p => p.Component is ExternalComponent).ToList();
        var deployed = graph.Components.Where(p => p.Component is not ExternalComponent).ToList();
        // Components describe themselves on every core (an environment alone would leave a core idle while the
        // others finish); each one's findings and result keep its place, so the outcome does not depend on timing.
        var describedAt = new Secrets.DescribedSecrets?[deployed.Count];
        var foundAt = new List<Diagnostic>[deployed.Count];
        Parallel.For(0, deployed.Count, i =>
        {
            var placed = deployed[i];
            var found = foundAt[i] = [];
            var name = placed.Component.Name;
            var context = graph.ContextFor(name, naming, config) with
            {
                Workspaces = workspaces,
                WorkspaceClients = Lakehouse.Model.Components.WorkspaceServices.Serves(placed.Component) ? [.. workspaces.Select(w => w.Name)] : [],
            };
            ComponentSpec? spec = null;
            // The SecretRefs created while the component describes itself are what it reads (LH0160).
            using var reads = Model.Secrets.SecretReads.Open();
            if (!Guard(found, _ => placed.Location, $"component '{name}' in environment '{config.Name}'",
                    () => spec = placed.Component.Describe(context) ?? throw new InvalidOperationException("Describe returned null")))
            {
                return;
            }
            if (placed.Component.ValueOverrides is { } overrides)
            {
                spec = spec! with { Values = Renderers.JsonTrees.Merge(spec.Values, overrides) };
            }
            var render = new ComponentRender(placed, spec!, graph.WaveOf(name), graph.DependenciesOf(name));
            describedAt[i] = new Secrets.DescribedSecrets(render, context.Secrets.Declared, [.. reads.References]);
        });
        foreach (var found in foundAt)
        {
            diagnostics.AddRange(found);
        }
        var described = describedAt.OfType<Secrets.DescribedSecrets>().ToList();
        // Declared Secrets become ExternalSecrets in the Application owning their namespace, before validation
        // scans every object (LH0002 included).
        var workspaceNamespaces = builder.Workspaces.ToDictionary(w => Lakehouse.Model.Components.WorkspaceObjects.Namespace(naming, w.Workspace), w => w.Name, StringComparer.Ordinal);
        var (secretObjects, inventory) = Secrets.SecretPlan.Build(config, naming, described, external.Select(e => naming.Namespace(e.Component.Name)).ToHashSet(StringComparer.Ordinal),
            workspaceNamespaces, diagnostics);
        var workspaceManifests = WorkspaceManifests(described.Select(d => d.Render), builder.Workspaces, workspaceNamespaces, secretObjects, config.Name, diagnostics);
        var components = new ComponentRender[described.Count];
        var validationAt = new List<Diagnostic>[described.Count];
        Parallel.For(0, described.Count, i =>
        {
            var d = described[i];
            var render = secretObjects.TryGetValue(d.Render.Name, out var extra)
                ? d.Render with { Spec = d.Render.Spec with { Manifests = [.. d.Render.Spec.Manifests, .. extra] } }
                : d.Render;
            var found = validationAt[i] = [];
            SpecValidator.Validate(render, config.Name, found, config.Monitoring.MonitorLabels);
            LeastPrivilegeValidator.Validate(render, config.Name, found);
            components[i] = render;
        });
        foreach (var found in validationAt)
        {
            diagnostics.AddRange(found);
        }
        // Egress mirrors the ingress every provider renders, plus the external services each client uses.
        var externalPorts = new List<(string, IReadOnlyList<string>, IReadOnlyList<int>)>();
        foreach (var placed in external)
        {
            var component = (ExternalComponent)placed.Component;
            IReadOnlyList<int> ports = [];
            if (Guard(diagnostics, _ => placed.Location, $"component '{component.Name}' in environment '{config.Name}'",
                    () => ports = component.EgressPorts(graph.ContextFor(component.Name, naming, config))))
            {
                // Workspaces use an external service they are served by (S3, Glue on aws) like its clients do.
                externalPorts.Add((component.Name, [.. graph.ClientsOf(component.Name), .. Lakehouse.Model.Components.WorkspaceServices.Serves(component) ? workspaces.Select(w => w.Name) : []], ports));
            }
        }
        var connections = graph.Connections
            .Select(c => new Connection(c.Key.Consumer, c.Key.Contract.Name, new Lakehouse.Model.Contracts.Need(c.Key.Contract).Description, c.Value.Name))
            .OrderBy(c => c.Consumer, StringComparer.Ordinal).ThenBy(c => c.Contract, StringComparer.Ordinal).ToList();
        var workspaceEgressNamespaces = workspaceNamespaces.Select(w => (w.Value, w.Key)).ToList();
        return new EnvironmentRender(config, naming, EgressPolicies.Add(components, externalPorts, workspaceEgressNamespaces, out var workspaceEgress))
        {
            External = external, Connections = connections, Secrets = inventory, Workspaces = builder.Workspaces, WorkspaceEgress = workspaceEgress,
            WorkspaceManifests = workspaceManifests,
        };
    }

    /// <summary>
    /// Per workspace, what the components hand it (in its namespace) and the ExternalSecrets of the Secrets declared
    /// there, in component order, each scanned like a component's objects (LH0001, LH0002); an object outside every
    /// workspace's namespace is LH0185 at the component's line.
    /// </summary>
    private static Dictionary<string, IReadOnlyList<Lakehouse.Model.Kubernetes.ManifestObject>> WorkspaceManifests(IEnumerable<ComponentRender> renders,
        IReadOnlyList<Lakehouse.Model.Workspaces.PlacedWorkspace> workspaces, IReadOnlyDictionary<string, string> workspaceNamespaces,
        IReadOnlyDictionary<string, List<Lakehouse.Model.Kubernetes.ManifestObject>> secretObjects, string environment, List<Diagnostic> diagnostics)
    {
        var manifests = new Dictionary<string, List<Lakehouse.Model.Kubernetes.ManifestObject>>(StringComparer.Ordinal);
        foreach (var render in renders)
        {
            var where = $"component '{render.Name}' in environment '{environment}'";
            foreach (var manifest in render.Spec.WorkspaceManifests)
            {
                if (manifest.Namespace is not { } ns || !workspaceNamespaces.TryGetValue(ns, out var workspace))
                {
                    diagnostics.Add(new Diagnostic(Rules.WorkspaceManifestOutside, render.Placed.Location,
                        $"{where} hands {manifest.Kind} '{manifest.Name}' to namespace '{manifest.Namespace}', which is no workspace's (workspaces: {string.Join(", ", workspaceNamespaces.Keys.Order(StringComparer.Ordinal))}); put it in its own Manifests or in a workspace's namespace"));
                    continue;
                }
                SpecValidator.Scan(manifest.Body, manifest.Id, render.Name, where, render.Placed.Location, diagnostics);
                (manifests.TryGetValue(workspace, out var list) ? list : manifests[workspace] = []).Add(manifest);
            }
        }
        foreach (var placed in workspaces)
        {
            if (secretObjects.TryGetValue(placed.Name, out var secrets))
            {
                foreach (var secret in secrets)
                {
                    SpecValidator.Scan(secret.Body, secret.Id, placed.Name, $"workspace '{placed.Name}' in environment '{environment}'", placed.Location, diagnostics);
                }
                (manifests.TryGetValue(placed.Name, out var list) ? list : manifests[placed.Name] = []).AddRange(secrets);
            }
        }
        return manifests.ToDictionary(m => m.Key, m => (IReadOnlyList<Lakehouse.Model.Kubernetes.ManifestObject>)m.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// Runs definition code; a rule violation or any exception becomes a located diagnostic (never a
    /// stack trace). <paramref name="at"/> says where: the line that added the component for Describe,
    /// the definitions' own frame of the stack trace for Define.
    /// </summary>
    private static bool Guard(List<Diagnostic> diagnostics, Func<Exception, SourceLocation> at, string what, Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (Exception thrown)
        {
            var e = Unwrap(thrown);
            // A wrapped exception that was never thrown itself has no stack trace; its wrapper's says where.
            var location = at(e) is { Path.Length: > 0 } inner ? inner : at(thrown);
            if (e is RuleViolationException violation)
            {
                diagnostics.Add(violation.Diagnostic.Location.Path.Length > 0 ? violation.Diagnostic : violation.Diagnostic with { Location = location });
            }
            else
            {
                // The usual argument and state failures read best as their message; anything else names its type.
                var reason = e is ArgumentException or InvalidOperationException or FormatException or KeyNotFoundException
                    ? e.Message
                    : $"{e.GetType().Name}: {e.Message}";
                diagnostics.Add(new Diagnostic(Rules.DefinitionFailed, location, $"{what} failed: {reason}"));
            }
        }
        return false;
    }

    /// <summary>The exception a definition threw, out of the wrappers reflection, static constructors and tasks put around it.</summary>
    private static Exception Unwrap(Exception e)
    {
        while (e.InnerException is { } inner
               && e is System.Reflection.TargetInvocationException or TypeInitializationException or AggregateException { InnerExceptions.Count: 1 })
        {
            e = inner;
        }
        return e;
    }

    private static void Deduplicate(List<Diagnostic> diagnostics, int from)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = from; i < diagnostics.Count; i++)
        {
            var key = diagnostics[i].Rule.Id + "|" + diagnostics[i].Location + "|" + StripEnvironment(diagnostics[i].Message);
            if (!seen.Add(key))
            {
                diagnostics.RemoveAt(i--);
            }
        }
    }

    private static string StripEnvironment(string message)
    {
        var at = message.IndexOf(" in environment '", StringComparison.Ordinal);
        if (at < 0)
        {
            return message;
        }
        var end = message.IndexOf('\'', at + 17);
        return end < 0 ? message : message[..at] + message[(end + 1)..];
    }
}
