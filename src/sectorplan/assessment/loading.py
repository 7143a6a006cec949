"""The framework questions (toetsingskader) come with the scheme's definition: data, not code."""

from sectorplan.audit.services import record

from .models import ReviewAnswer, ReviewQuestion


def load_review_questions(sender, *, scheme, definition, **kwargs) -> None:
    texts = definition.get("review_questions", [])
    for order, text in enumerate(texts, start=1):
        ReviewQuestion.objects.update_or_create(scheme=scheme, order=order, defaults={"text": text})
    # A question already answered stays, so earlier reviews keep their meaning.
    surplus = ReviewQuestion.objects.filter(scheme=scheme, order__gt=len(texts))
    answered = ReviewAnswer.objects.filter(question__in=surplus).values("question_id")
    surplus.exclude(pk__in=answered).delete()
    record(action="scheme.review_questions_loaded", obj=scheme, after={"questions": len(texts)})
