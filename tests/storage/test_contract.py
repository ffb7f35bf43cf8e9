"""The storage contract, run against every back end the ``storage`` fixture offers."""

from coworkreg_core.storage.contract import (
    TestApplicationsContract,
    TestCountersContract,
    TestDocumentsContract,
    TestHistoryContract,
    TestListingsContract,
    TestOutboxContract,
    TestProtocolRegisterContract,
    TestQueriesContract,
    TestTransactionsContract,
)

__all__ = [
    "TestApplicationsContract",
    "TestCountersContract",
    "TestDocumentsContract",
    "TestHistoryContract",
    "TestListingsContract",
    "TestOutboxContract",
    "TestProtocolRegisterContract",
    "TestQueriesContract",
    "TestTransactionsContract",
]
