from enum import StrEnum


class MessageVisibility(StrEnum):
    """Values known when this client was generated.

    A value the API sends that is not listed here does not fail parsing: it becomes
    a pseudo-member of this class (``is_known`` is False) whose ``.value`` and ``str()``
    are the raw string, so it is written back unchanged by ``to_dict``.
    """

    BUSINESS = "BUSINESS"
    BUSINESS_AND_PARTICIPANT = "BUSINESS_AND_PARTICIPANT"
    UNKNOWN_VISIBILITY = "UNKNOWN_VISIBILITY"

    def __str__(self) -> str:
        return str(self.value)

    @property
    def is_known(self) -> bool:
        """False for a value that was not in the spec when this client was generated."""
        return type(self)._member_map_.get(self._name_) is self

    def __reduce_ex__(
        self, protocol: object
    ) -> tuple[type["MessageVisibility"], tuple[str]]:
        # By value, not by name: some Python 3.11 releases pickle and deepcopy members as
        # getattr(cls, name), which fails for a value this class did not list.
        return type(self), (self._value_,)

    def __copy__(self) -> "MessageVisibility":
        return self

    def __deepcopy__(self, memo: object) -> "MessageVisibility":
        return self

    @classmethod
    def _missing_(cls, value: object) -> "MessageVisibility | None":
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        # Cache it: parsing the same unknown value twice gives the same object.
        cached = cls._value2member_map_.setdefault(value, member)
        return cached if isinstance(cached, cls) else member
