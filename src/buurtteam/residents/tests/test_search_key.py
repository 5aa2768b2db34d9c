from buurtteam.residents.models import search_key


def test_search_key_ignores_accents_order_and_special_letters() -> None:
    assert search_key("Ünal", "Özil") == "unal ozil"
    assert search_key("Ayşe", "Yılmaz") == "ayse yilmaz"
    assert search_key("Søren", "Łukasz") == "soren lukasz"
