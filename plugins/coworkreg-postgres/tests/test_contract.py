"""The storage contract that every back end passes, here on PostgreSQL."""

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
