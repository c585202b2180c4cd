"""Erlang C against published values, Erlang A against a long simulation, and the non-linearity."""

from dataclasses import replace

import pytest

from leerlus.analysis.queueing import Channel, erlang_a, erlang_c, erlang_c_wait_probability, outcome
from leerlus.analysis.simulation import Behaviour, simulate, simulate_system

# The classic worked example: 100 calls per half hour, 3 minutes each, is 10 erlangs.
PUBLISHED_WAIT_PROBABILITY = {11: 0.6821, 12: 0.4494, 13: 0.2853, 14: 0.1741, 15: 0.1020}


@pytest.mark.parametrize("agents", PUBLISHED_WAIT_PROBABILITY)
def test_erlang_c_is_within_one_percent_of_published_values(agents):
    assert erlang_c_wait_probability(agents, 10.0) == pytest.approx(PUBLISHED_WAIT_PROBABILITY[agents], rel=0.01)


def test_erlang_c_service_level_of_the_worked_example():
    result = erlang_c(Channel("telefoon", 200, 180, 14), answer_within=20)
    assert result.service_level == pytest.approx(0.8883, rel=0.01)
    assert result.occupancy == pytest.approx(10 / 14) and result.abandon_rate == 0.0


@pytest.mark.slow  # a discrete-event simulation over hundreds of hours
def test_erlang_a_agrees_with_a_long_simulation():
    channel = Channel("telefoon", 200, 180, 10, patience_seconds=120)
    formula, simulated = erlang_a(channel, 20), simulate(channel, 20, hours=600, seed=1)
    for field in ("service_level", "asa_seconds", "abandon_rate", "occupancy", "queue_length"):
        assert getattr(formula, field) == pytest.approx(getattr(simulated, field), rel=0.05), field


def test_erlang_a_becomes_erlang_c_when_nobody_gives_up():
    channel = Channel("telefoon", 200, 180, 12)
    patient = erlang_a(replace(channel, patience_seconds=1e9), 20)
    assert patient.asa_seconds == pytest.approx(erlang_c(channel, 20).asa_seconds, rel=1e-3)


def test_more_staff_never_makes_waiting_longer():
    for patience in (None, 90):
        waits = [outcome(Channel("telefoon", 240, 200, agents, patience), 30).asa_seconds for agents in range(14, 30)]
        assert all(later <= earlier for earlier, later in zip(waits, waits[1:]))


def test_ten_percent_less_load_near_saturation_cuts_waiting_by_far_more():
    busy = Channel("telefoon", 190, 180, 10)  # 9.5 erlangs on 10 agents
    quieter = replace(busy, contacts_per_hour=busy.contacts_per_hour * 0.9)
    assert erlang_c(quieter, 20).asa_seconds < 0.4 * erlang_c(busy, 20).asa_seconds
    with_patience = replace(busy, patience_seconds=180)
    assert (
        erlang_a(replace(with_patience, contacts_per_hour=171), 20).asa_seconds
        < 0.7 * erlang_a(with_patience, 20).asa_seconds
    )  # less steep than Erlang C, still far more than 10%


def test_an_overloaded_channel_never_empties_without_abandonment():
    overloaded = Channel("telefoon", 250, 180, 10)
    assert erlang_c(overloaded, 20).asa_seconds == float("inf")
    result = erlang_a(replace(overloaded, patience_seconds=120), 20)
    assert 0.1 < result.abandon_rate < 0.5 and result.occupancy < 1


@pytest.mark.slow  # a discrete-event simulation over hundreds of hours
def test_failure_demand_that_comes_back_is_extra_load():
    phone = Channel("telefoon", 160, 180, 10, patience_seconds=120)
    repeated = simulate_system(
        [phone], 20, hours=500, seed=2, behaviour={"telefoon": Behaviour(repeat_share=0.2, repeat_after_seconds=1800)}
    )[0]
    load = phone.contacts_per_hour
    for _ in range(30):  # the formulas agree once the returning contacts are added to the load
        answered = 1 - erlang_a(replace(phone, contacts_per_hour=load), 20).abandon_rate
        load = phone.contacts_per_hour + 0.2 * load * answered
    formula = erlang_a(replace(phone, contacts_per_hour=load), 20)
    assert repeated.service_level == pytest.approx(formula.service_level, rel=0.05)
    assert repeated.occupancy == pytest.approx(formula.occupancy, rel=0.05)
    assert repeated.service_level < simulate(phone, 20, hours=500, seed=2).service_level


@pytest.mark.slow  # a discrete-event simulation over hundreds of hours
def test_people_who_give_up_on_the_phone_and_try_chat_make_chat_busier():
    phone, chat = Channel("telefoon", 190, 180, 10, 120), Channel("chat", 30, 300, 6, 600)
    alone = simulate_system([phone, chat], 20, hours=300, seed=3)
    shifted = simulate_system(
        [phone, chat], 20, hours=300, seed=3, behaviour={"telefoon": Behaviour(shift_to="chat", shift_share=0.8)}
    )
    extra_per_hour = 190 * shifted[0].abandon_rate * 0.8
    assert shifted[1].occupancy == pytest.approx(alone[1].occupancy * (30 + extra_per_hour) / 30, rel=0.1)
    assert shifted[1].asa_seconds > alone[1].asa_seconds


@pytest.mark.slow  # a discrete-event simulation over hundreds of hours
def test_a_callback_keeps_people_from_giving_up():
    phone = Channel("telefoon", 200, 180, 10, patience_seconds=120)
    plain = simulate_system([phone], 20, hours=300, seed=4)[0]
    callback = simulate_system(
        [phone], 20, hours=300, seed=4, behaviour={"telefoon": Behaviour(callback_after_seconds=30)}
    )[0]
    assert callback.abandon_rate < 0.8 * plain.abandon_rate  # some still give up within the first 30 s
    assert callback.occupancy > plain.occupancy  # the called-back contacts are handled after all
