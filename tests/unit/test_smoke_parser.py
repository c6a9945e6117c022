from mkdocs_sxs.core.parser import parse_sxs

SEED_LINE = (
    '<span data-ttu-id="f277a-106">Obecně očekáváme.</span><span class="sxs-lookup">'
    '<span data-stu-id="f277a-106">In general, we expect.</span></span>'
)


def test_one_unit_has_target_source_and_position():
    page = parse_sxs("intro\n\n" + SEED_LINE + "\n", "page.md")
    [unit] = page.units
    assert (unit.id, unit.target, unit.source) == ("f277a-106", "Obecně očekáváme.", "In general, we expect.")
    assert (unit.line, unit.column, unit.context) == (3, 1, "paragraph")
    assert page.problems == []
